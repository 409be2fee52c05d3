"""The server side of the combobox (issue 13 §1.1): what one option says, and the answer of
every search endpoint.

Each app has its own small endpoint (people in accounts, customers in customers, memo recipients
in memos), which checks who may see what through that app's access rules and bounds the
result; this module only shapes the answer, a fragment of ``<li role=option>`` rows that
``static/followup/combobox.js`` shows as the choices for the text typed.
"""

from dataclasses import dataclass

from django.shortcuts import render

LIMIT = 20  # options per answer: the combobox is for finding one, not for browsing everyone
Q_MAX = 100  # longer search text is cut: no name or e-mail is longer


@dataclass(frozen=True, slots=True)
class Choice:
    value: int
    label: str  # what the box shows once chosen
    detail: str = ""  # a second line: an e-mail or phone, to tell two namesakes apart
    note: str = ""  # a remark after the label, e.g. "(me)"


def search_text(request) -> str:
    return (request.GET.get("q") or "").strip()[:Q_MAX]


def choices_response(request, choices: list[Choice], *, empty: str):
    """The options fragment; ``empty`` says why there is none (shown as a disabled option)."""
    return render(request, "widgets/combobox_options.html", {"choices": choices, "empty": empty})
