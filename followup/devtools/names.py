"""The names the demo and the benchmark make people, customers and tasks from.

One list of each, so the demo's Demo Company and the bench's Bench Company read alike and a
word added here shows up in both. The demo picks from these lists with a seeded random
generator; the bench picks in SQL by row number (``bench.generate``), which is why the
benchmark's figures name words from here (its rare search word is a surname made of a stem
and an ending, its common word is in two of the ``TITLE_VERBS``).
"""

FIRST_NAMES = [
    "Adam", "Agnieszka", "Alan", "Alice", "Amelia", "Andrew", "Barbara", "Ben", "Charlotte", "Chloe",
    "Daniel", "David", "Elena", "Ewa", "George", "Hannah", "Harry", "Isabel", "Jack", "Jan",
    "Jessica", "John", "Julia", "Karol", "Katarzyna", "Laura", "Liam", "Lucy", "Marek", "Maria",
    "Mark", "Martin", "Noah", "Paul", "Piotr", "Rachel", "Robert", "Sarah", "Thomas", "Zofia",
]

# The demo's surnames: real ones, English and Polish.
LAST_NAMES = [
    "Adams", "Baker", "Bell", "Carter", "Collins", "Cooper", "Davies", "Evans", "Fisher", "Foster",
    "Green", "Hall", "Harris", "Hughes", "Jones", "King", "Kowalski", "Lewandowski", "Martin", "Mazur",
    "Miller", "Moore", "Murphy", "Nowicki", "Parker", "Patel", "Roberts", "Robinson", "Scott", "Stewart",
    "Szymański", "Thompson", "Turner", "Walker", "Ward", "Watson", "White", "Wójcik", "Wright", "Young",
]

# The bench's surnames: a stem and an ending make 1,000 made-up surnames ("Ashford", "Stanby"),
# so that one customer in a thousand has each and a search for one finds a known few.
SURNAME_STEMS = [
    "Ash", "Black", "Bright", "Brook", "Cald", "Clay", "Crane", "Dal", "Fair", "Fen",
    "Glad", "Green", "Hale", "Hart", "Hol", "Kings", "Lang", "Mar", "Mid", "Nor",
    "Oak", "Pem", "Quen", "Rad", "Red", "Rook", "Sel", "Shel", "Stan", "Strat",
    "Sut", "Thorn", "Trent", "Up", "Ver", "Wal", "Wen", "West", "Whit", "Wyn",
]
SURNAME_ENDINGS = [
    "ford", "well", "wood", "ton", "ley", "more", "field", "by", "worth", "stone",
    "bridge", "combe", "dale", "hurst", "marsh", "mere", "ridge", "shaw", "thorpe", "wick",
    "brook", "den", "gate", "holm", "lock",
]

COMPANY_WORDS = [
    "Northwind", "Bluebird", "Evergreen", "Silverline", "Brightwater", "Redwood", "Summit", "Oakridge",
    "Harbor", "Granite", "Pioneer", "Lakeside", "Crescent", "Falcon", "Meridian", "Horizon",
    "Keystone", "Riverbend", "Sterling", "Westfield",
]
COMPANY_SUFFIXES = ["Ltd", "Logistics", "Motors", "Foods", "Software", "Dental", "Group", "Partners", "Sp. z o.o."]

DEPARTMENTS = ["Sales", "Customer Service", "Marketing", "Key Accounts", "Support", "Partnerships"]

# The demo's task titles, each with the task type it is of (None: no type).
TASK_TITLES = [
    ("Phone call", "Call {name} back"),
    ("Phone call", "Birthday call to {name}"),
    ("Phone call", "Call {name} before the contract ends"),
    ("E-mail", "Send the price list to {name}"),
    ("E-mail", "Follow up on the offer with {name}"),
    ("Offer", "Prepare an offer for {name}"),
    ("Offer", "Renewal offer for {name}"),
    ("Meeting", "Meeting with {name}"),
    ("Online meeting", "Product demo for {name}"),
    ("Project", "Onboarding plan for {name}"),
    (None, "Check the invoice of {name}"),
    (None, "Update the contact details of {name}"),
]
# The bench's task titles: a verb and the customer's name. Two in eight start with the common word.
TITLE_VERBS = [
    "Call back", "Send the offer to", "Follow up with", "Meeting with",
    "Call about the renewal with", "Prepare a proposal for", "E-mail the invoice to", "Product demo for",
]
COMMON_WORD = "call"

NOTES = [
    "Left a voicemail, will try again tomorrow.",
    "Customer asked for a discount of 5%; checking with the head of sales.",
    "Sent the documents by e-mail.",
    "Prefers to be called after 2 pm.",
    "The decision maker is back from holiday next week.",
    "Agreed on a meeting at their office.",
]

DEAL_TITLES = ["Fleet renewal", "Annual support contract", "Office move", "Pilot project", "Extra licences",
               "Training days", "Upgrade to Premium", "Second site"]
