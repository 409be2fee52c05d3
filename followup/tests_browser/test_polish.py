"""§4 in a real Chromium at 1280 and 375 px: a browser that speaks English picks Polski on the
login page, signs in, and walks the main pages: every one says lang="pl", shows the Polish words
of its chrome and none of the English ones. The profile and password pages fit the phone's
width. FOLLOWUP_SHOTS_DIR saves screenshots."""

import datetime as dt
import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from conftest import PASSWORD, browser_shot, page_fits
from followup.deals.services import deal_create
from followup.memos.services import memo_create
from followup.projects.services import project_create, project_task_create
from followup.reminders.services import reminder_create

pytestmark = [pytest.mark.browser]

# Words of the layout, the menus, buttons and headings that an untranslated page would show.
# (Records keep the names people gave them, so the data below avoids these words.)
ENGLISH = ["Tasks", "Customers", "Memos", "Projects", "Deals", "New task", "Notifications", "My reminders",
           "Log out", "Search", "Filters", "Save", "Cancel", "Edit", "Delete", "Priority", "Due date",
           "History", "Owner", "Created", "Back", "Remind me", "Description", "Subscribers", "Mark all read",
           "Profile", "Time zone", "Change password", "Sign in", "Username", "Password"]
NAV_POLISH = ["Zadania", "Klienci", "Szanse sprzedaży", "Powiadomienia"]
NAV_POLISH_BY_VIEWPORT = {  # Memos, Projects and Reminders are behind "More" (in Polish on a desktop too)
    "desktop": NAV_POLISH + ["Kalendarz", "Więcej"], "phone": NAV_POLISH + ["Więcej"],
}


def english_words_on(page) -> list[str]:
    text = page.inner_text("body") + " " + page.title()
    return [w for w in ENGLISH if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]


def assert_polish(page, name: str, *words: str) -> None:
    assert page.get_attribute("html", "lang") == "pl", name
    text = page.inner_text("body")
    assert english_words_on(page) == [], name
    missing = [w for w in words if w not in text]
    assert missing == [], f"{name}: {missing}"


def test_the_main_pages_in_polish(page, world):
    customer = world.customer("Kowalski i Syn")
    task = world.task("Oddzwonić w sprawie oferty", customer=customer, assignees=[world.alice])
    world.task("Umówić spotkanie", customer=customer, assignees=[world.bob])
    deal = deal_create(actor=world.alice, customer_id=customer.pk, title="Odnowienie umowy", amount="12500")
    memo = memo_create(actor=world.alice, title="Rabat dla klienta", body="Proszą o 10%.", recipient_id=world.bob.pk,
                       deal_id=deal.pk, send=True)
    project = project_create(actor=world.alice, name="Nowa strona", member_ids=[world.bob.pk])
    project_task_create(actor=world.alice, project_id=project.pk, title="Teksty", due_date=dt.date(2030, 1, 2),
                        assignee_ids=[world.alice.pk])
    reminder_create(actor=world.alice, target_type="task", target_id=task.pk,
                    remind_at=timezone.now() + dt.timedelta(days=1), note="Przygotować liczby")
    world.task("Przesłać umowę", actor=world.bob, customer=customer, assignees=[world.alice])  # a notification

    page.goto("/login/")
    assert page.get_attribute("html", "lang") == "en"
    page.click(".lang-switch button[value=pl]")
    page.wait_for_selector("html[lang=pl]")
    assert_polish(page, "login", "Zaloguj się", "Nazwa użytkownika", "Hasło", "Nie pamiętasz hasła?")
    assert page_fits(page)
    browser_shot(page, "pl-login")
    page.fill("#id_username", "alice")
    page.fill("#id_password", PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_url("**/tasks/")

    for url, name, words in [
        ("/tasks/", "my-pending", ["Moje do zrobienia", "Oddzwonić w sprawie oferty"]),
        ("/tasks/unassigned/", "unassigned", ["Nieprzypisane"]),
        ("/tasks/all_pending/", "all-pending", ["Wszystkie do zrobienia", "Umówić spotkanie"]),
        ("/tasks/completed/", "completed", ["Wykonane"]),
        ("/tasks/new/", "task-new", ["Nowe zadanie", "Tytuł zadania", "Priorytet", "Termin"]),
        (f"/tasks/{task.pk}/", "task-detail", ["Historia zmian", "Dodaj notatkę", "Przypomnij mi"]),
        (f"/tasks/{task.pk}/edit/", "task-edit", ["Edytuj zadanie", "Zapisz zmiany"]),
        ("/customers/", "customers", ["Nowy klient", "Szukaj"]),
        (f"/customers/{customer.pk}/", "customer", ["Kontakt", "Właściciel"]),
        (f"/customers/{customer.pk}/history/", "customer-history", ["utworzył(a) zadanie"]),
        ("/deals/", "deals", ["Wszystkie", "Kwota"]),
        (f"/deals/{deal.pk}/", "deal", ["Kwota", "Zmiany etapu i statusu"]),
        ("/memos/", "memos", ["Wysłane", "Wersja robocza"]),
        (f"/memos/{memo.pk}/", "memo", ["Dalsze działania", "Utwórz zadanie"]),
        ("/projects/", "projects", ["Nowy projekt"]),
        (f"/projects/{project.pk}/", "project", ["Członkowie", "Dodaj zadanie"]),
        ("/reminders/", "reminders", ["Moje przypomnienia", "Przenieś"]),
        ("/notifications/", "notifications", ["Powiadomienia", "Oznacz wszystkie jako przeczytane"]),
        ("/notifications/settings/", "notification-settings", ["Wyślij mi e-mail, gdy"]),
        ("/profile/", "profile", ["Twoje dane", "Imię", "Język", "Zmień hasło", "Osobiste tokeny dostępu"]),
        ("/profile/password/", "password-change", ["Zmień hasło"]),
    ]:
        page.goto(url)
        assert_polish(page, name, *NAV_POLISH_BY_VIEWPORT[page.viewport_name], *words)
        browser_shot(page, f"pl-{name}")
    assert page_fits(page)  # the password page
    page.goto("/profile/")
    assert page_fits(page)


def test_the_profile_switches_the_language_back_to_english(page, world):
    world.alice.language = "pl"
    world.alice.save()
    page.goto("/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_url("**/tasks/")
    page.goto("/profile/")
    assert page.get_attribute("html", "lang") == "pl"
    page.select_option("#id_language", "en")
    page.click("button:has-text('Zapisz dane')")
    page.wait_for_selector("html[lang=en]")
    assert "Your details are saved." in page.inner_text("#toasts")
    world.alice.refresh_from_db()
    assert world.alice.language == "en"


def test_a_forgotten_password_page_in_polish_fits(page, world):
    page.goto("/login/")
    page.click(".lang-switch button[value=pl]")
    page.wait_for_selector("html[lang=pl]")
    page.click("text=Nie pamiętasz hasła?")
    page.wait_for_url("**/password-reset/")
    assert_polish(page, "password-reset", "Zresetuj hasło", "Wyślij link")
    assert page_fits(page)
    browser_shot(page, "pl-password-reset")
    page.fill("#id_email", "alice@example.com")
    page.click("button:has-text('Wyślij link')")
    page.wait_for_url("**/password-reset/sent/")
    assert_polish(page, "password-reset-sent", "Sprawdź pocztę")
    assert page_fits(page)

    # The link of the e-mail: choose the new password, then sign in with it.
    uid = urlsafe_base64_encode(force_bytes(world.alice.pk))
    page.goto(f"/password-reset/{uid}/{default_token_generator.make_token(world.alice)}/")
    assert_polish(page, "password-reset-confirm", "Ustaw nowe hasło", "Nowe hasło")
    assert page_fits(page)
    browser_shot(page, "pl-password-reset-confirm")
    page.fill("#id_new_password1", "a-much-longer-passphrase-2026")
    page.fill("#id_new_password2", "a-much-longer-passphrase-2026")
    page.click("button:has-text('Zapisz nowe hasło')")
    page.wait_for_url("**/password-reset/done/")
    assert_polish(page, "password-reset-complete", "Hasło zapisane")
    assert page_fits(page)
