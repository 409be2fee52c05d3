"""What the apps above tasks add to the task pages, without tasks knowing them (L2: the next
task proposed after a completion; B3: how a task repeats). The New Task and edit forms' own
sections (B3's Repeat control) are in ``extensions``.

An app registers a renderer from its ``AppConfig.ready()``; the task page, the task list and the
row an in-place action answers with ask here. A renderer returns HTML (already escaped) or "":

* ``task_page(request, task)``: a section at the top of the task page;
* ``task_essentials(request, task)``: more of the first screen on a phone (A3, A5: log a call);
* ``task_communication(request, task)``: a section under the description (A3: the customer's history);
* ``task_aside(request, task)``: a card in the task page's side column (B3: how the task repeats);
* ``after_row(request, task)``: table rows that follow the task's row in an htmx answer;
* ``task_list(request)``: a section above the task list.

An app may also ``annotate`` the task page's task with an expression of its own (one ``EXISTS``
in the page's first query instead of a query of its own, issue 16 §1): B3 asks whether the task
is an occurrence of a series, and reads its series only then.
"""

from collections.abc import Callable

from django.db.models import Expression
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from followup.tasks.models import Task

_renderers: dict[str, list[Callable[..., str]]] = {
    "task_page": [], "task_essentials": [], "task_communication": [], "task_aside": [], "after_row": [],
    "task_list": [],
}


_annotations: dict[str, Callable[[], Expression]] = {}


def annotate(name: str, expression: Callable[[], Expression]) -> None:
    """The task page's task gets ``name``, the value of ``expression()`` (made per query)."""
    _annotations[name] = expression


def task_page_annotations() -> dict[str, Expression]:
    return {name: expression() for name, expression in _annotations.items()}


def register(where: str, render: Callable[..., str]) -> None:
    """Add ``render`` to ``where`` (once, however often ``ready()`` runs)."""
    if render not in _renderers[where]:
        _renderers[where].append(render)


def _html(where: str, *args) -> SafeString:
    return mark_safe("".join(render(*args) for render in _renderers[where]))  # noqa: S308 - renderers escape


def task_page_html(request: HttpRequest, task: Task) -> SafeString:
    return _html("task_page", request, task)


def task_essentials_html(request: HttpRequest, task: Task) -> SafeString:
    return _html("task_essentials", request, task)


def task_communication_html(request: HttpRequest, task: Task) -> SafeString:
    return _html("task_communication", request, task)


def task_aside_html(request: HttpRequest, task: Task) -> SafeString:
    return _html("task_aside", request, task)


def after_row_html(request: HttpRequest, task: Task) -> SafeString:
    return _html("after_row", request, task)


def task_list_html(request: HttpRequest) -> SafeString:
    return _html("task_list", request)
