"""Issue 16 §2: the icons come from one sprite, a static file, which stays in step with ``ICONS``."""

from pathlib import Path

from django.template import Context, Template

from followup.core.templatetags.followup_ui import ICONS, sprite

SPRITE_FILE = Path(__file__).resolve().parents[2] / "static" / "followup" / "icons.svg"


def test_the_sprite_file_holds_every_icon_as_drawn_in_python():
    assert SPRITE_FILE.read_text() == sprite(), (
        "followup/static/followup/icons.svg is out of step with ICONS: write it again with "
        "followup.core.templatetags.followup_ui.sprite()")
    for name in ICONS:
        assert f'<symbol id="i-{name}" ' in sprite()


def test_an_icon_names_its_symbol_and_is_hidden_from_screen_readers():
    html = Template('{% load followup_ui %}{% icon "tasks" 22 "nav-icon" %}').render(Context())
    assert html.startswith('<svg class="nav-icon" aria-hidden="true" width="22" height="22"><use href="/static/')
    assert 'icons' in html and html.endswith('#i-tasks"/></svg>')


def test_an_icon_of_size_0_is_left_to_the_stylesheet():
    html = Template('{% load followup_ui %}{% icon "tasks" 0 "nav-icon" %}').render(Context())
    assert html.startswith('<svg class="nav-icon" aria-hidden="true"><use href="/static/') and "width" not in html
