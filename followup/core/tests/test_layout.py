"""The page layout every signed-in page shares (A2, issue 13 §1.17, §2): the main navigation, one
New task button, and the installable web app's manifest and icons."""

import json
import re
import struct

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse


@pytest.fixture
def alice(world, login):
    return login(world.alice)


def nav_html(html: str) -> str:
    return html[html.index('<nav class="mainnav"'):html.index("</nav>", html.index('<nav class="mainnav"'))]


def test_main_navigation_has_every_section_with_notifications_and_reminders(alice):
    nav = nav_html(alice.get(reverse("tasks:list")).content.decode())
    for name in ("tasks:list", "customers:list", "deals:list", "memos:list", "projects:list", "reminders:list",
                 "notifications:list"):
        assert f'href="{reverse(name)}"' in nav, name


def test_the_current_section_is_marked(alice):
    nav = nav_html(alice.get(reverse("reminders:list")).content.decode())
    link = f'href="{reverse("reminders:list")}" class="nav-link nav-wide nav-secondary active" aria-current="true"'
    assert link in nav


def test_task_list_has_one_new_task_button(alice):
    html = alice.get(reverse("tasks:list")).content.decode()
    assert html.count(f'href="{reverse("tasks:new")}"') == 1


def test_without_the_task_module_there_is_no_new_task_button(world, alice):
    world.org.tasks_enabled = False
    world.org.save()
    html = alice.get(reverse("customers:list")).content.decode()
    assert reverse("tasks:new") not in html


def test_layout_links_the_web_app_manifest(client, world):
    html = client.get(reverse("login")).content.decode()
    assert re.search(r'<link rel="manifest" href="/static/followup/manifest\.[0-9a-f]{12}\.webmanifest">', html)
    assert '<meta name="theme-color" content="#4f46e5">' in html
    assert re.search(r'<link rel="apple-touch-icon" href="/static/followup/icons/apple-touch-icon\.[0-9a-f]{12}\.png">',
                     html)


def test_static_files_have_hashed_names_cached_for_a_year_and_compressed(client, world):
    """Issue 16 §2: a page names its static files by content hash, so they are cached for a year
    (a new version gets a new name) and served compressed to a browser that accepts it."""
    html = client.get(reverse("login")).content.decode()
    stylesheets = re.findall(r'<link rel="stylesheet" href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', html)
    assert stylesheets, html[:2000]
    response = client.get(stylesheets[0], headers={"accept-encoding": "gzip"})
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"
    max_age = int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))
    assert max_age >= 365 * 24 * 3600 and "immutable" in response["Cache-Control"]


def test_manifest_is_served_as_a_manifest(client, world):
    response = client.get("/static/followup/manifest.webmanifest")
    assert response.status_code == 200 and response["Content-Type"] == "application/manifest+json"


def png_size(path: str) -> tuple[int, int]:
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", head[16:24])


def test_manifest_describes_an_installable_app():
    with open(finders.find("followup/manifest.webmanifest"), encoding="utf-8") as f:
        manifest = json.load(f)
    assert manifest["name"] == "Followup" and manifest["short_name"]
    assert manifest["start_url"] == "/" and manifest["scope"] == "/" and manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#4f46e5" and manifest["background_color"]
    icons = {(icon["sizes"], icon["purpose"]): icon for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= set(icons)
    for icon in manifest["icons"]:
        width, height = (int(n) for n in icon["sizes"].split("x"))
        assert icon["type"] == "image/png"
        assert png_size(finders.find(f"followup/{icon['src']}")) == (width, height)


def test_apple_touch_icon_is_180_px():
    assert png_size(finders.find("followup/icons/apple-touch-icon.png")) == (180, 180)


def test_administrators_find_the_auto_flow_rules_in_their_menu(world, login):
    assert f'href="{reverse("automation:rules")}"' in login(world.adam).get(reverse("tasks:list")).content.decode()


def test_members_do_not_see_the_auto_flow_rules(alice):
    assert reverse("automation:rules") not in alice.get(reverse("tasks:list")).content.decode()
