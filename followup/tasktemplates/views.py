"""Task templates in the browser: Settings › Task templates (L3, administrators only, L8), the
"Apply template" control of the customer, deal and project pages, and the post-sale templates
of Settings › Sales processes (L4). Thin: ``services``, ``apply`` and ``postsale`` do the writes."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from followup.accounts.selectors import people_named
from followup.automation.models import AssignTo
from followup.automation.views import assignment_choices
from followup.core.exceptions import FieldErrors
from followup.core.idempotency import replay_or_run
from followup.core.web import domain_errors, safe_next
from followup.deals.processes import process_get
from followup.setup.views.common import admin_only, delete_view, done, paging, settings_render
from followup.tasks.models import Priority, TaskType
from followup.tasktemplates import postsale, selectors, services
from followup.tasktemplates.access import template_for_admin, templates_of
from followup.tasktemplates.apply import TARGETS, template_apply

PAGE = "tasktemplates:list"
KEY_FIELD = "idempotency_key"
BLANK_ROWS = 2
ITEM_DEFAULTS = {"priority": Priority.MEDIUM, "delay_days": 0, "assign_to": AssignTo.CUSTOMER_OWNER}


def _rows(actor, items: list[dict], errors: dict, blank: int = BLANK_ROWS) -> list[dict]:
    """The lines of the form with their own messages and the name of each line's fixed person
    (one query for all: the person picker shows it), and ``blank`` empty lines to add more."""
    names = {str(c.value): c.label for c in people_named(actor=actor, ids=[i.get("assign_user_id") for i in items])}
    rows = []
    for n, item in enumerate([*items, *[dict(ITEM_DEFAULTS)] * blank]):
        prefix = f"items.{n}."
        rows.append({"n": n, "values": item, "user_label": names.get(str(item.get("assign_user_id") or ""), ""),
                     "errors": {k[len(prefix):]: v for k, v in errors.items() if k.startswith(prefix)}})
    return rows


def _form_page(request, *, values: dict, errors: dict, template=None, status: int = 200):
    org_id = request.user.organization_id
    return settings_render(request, "tasktemplates/form.html", {
        "values": values, "errors": errors, "rows": _rows(request.user, values.get("items") or [], errors),
        "template": template, "priorities": Priority.choices,
        "types": TaskType.objects.filter(organization_id=org_id, is_active=True).order_by("position", "id"),
        **assignment_choices(request.user, {}),
    }, page=PAGE, status=status)


def _posted(request) -> dict:
    """The form's lines in order; a line left empty (no title, nothing else changed) is no line."""
    items = []
    for n in range(services.MAX_ITEMS + BLANK_ROWS):
        item = {f: request.POST.get(f"item-{n}-{f}", "") for f in services.ITEM_FIELDS}
        if not any(item.values()):
            continue
        if not item["title"].strip() and not item["description"].strip() and item["delay_days"] in ("", "0"):
            continue
        items.append(item)
    return {"name": request.POST.get("name", ""), "skip_weekends": request.POST.get("skip_weekends") == "on",
            "items": items}


def _say_problems(request, exc: FieldErrors) -> None:
    """A small control has no field to show its message at: the page says it."""
    for problems in exc.errors.values():
        for problem in problems:
            messages.error(request, problem)


@admin_only
def template_list(request):
    number, size = paging(request)
    return settings_render(request, "tasktemplates/list.html", {
        "page": selectors.template_list(actor=request.user, page=number, size=size)}, page=PAGE)


@admin_only
def template_new(request):
    if request.method != "POST":
        return _form_page(request, values={"items": []}, errors={})
    values = _posted(request)
    try:
        template = services.template_create(actor=request.user, **values)
    except FieldErrors as exc:
        return _form_page(request, values=values, errors=exc.errors, status=422)
    return done(request, _("Template “%(name)s” saved.") % {"name": template.name}, PAGE)


@admin_only
def template_edit(request, pk: int):
    template = template_for_admin(actor=request.user, template_id=pk)
    if request.method != "POST":
        values = {"name": template.name, "skip_weekends": template.skip_weekends,
                  "items": [services.template_item_values(i) for i in template.items.all()]}
        return _form_page(request, values=values, errors={}, template=template)
    values = _posted(request)
    try:
        services.template_update(actor=request.user, template_id=pk, **values)
    except FieldErrors as exc:
        return _form_page(request, values=values, errors=exc.errors, template=template, status=422)
    return done(request, _("Template “%(name)s” saved.") % {"name": values["name"].strip()}, PAGE)


template_delete = delete_view(
    lambda actor, pk: template_for_admin(actor=actor, template_id=pk),
    lambda actor, pk: services.template_delete(actor=actor, template_id=pk),
    gettext_lazy("Template “%(name)s” deleted. The tasks it made stay."), PAGE)


@login_required
@domain_errors
@require_POST
def apply(request):
    """The "Apply template" box: makes the template's tasks and goes back to the page. The box
    carries a key of its own, so a form sent twice (a double click, a resent page) makes one set."""
    key = request.POST.get(KEY_FIELD)
    if key:
        return replay_or_run(request=request, scope=f"user:{request.user.pk}", key=key, run=lambda: _apply(request))
    return _apply(request)


def _apply(request):
    target = {k: request.POST.get(k) or None for k in TARGETS}
    back = safe_next(request, "/")
    try:
        tasks = template_apply(actor=request.user, template_id=request.POST.get("template_id"), **target)
    except FieldErrors as exc:
        _say_problems(request, exc)
        return redirect(back)
    messages.success(request, ngettext("%(n)s task created from the template.",
                                       "%(n)s tasks created from the template.", len(tasks)) % {"n": len(tasks)})
    return redirect(back)


@login_required
@domain_errors
def choices(request):
    """The "Apply template" box's form, loaded by htmx: the templates to choose from. The
    target's id is only carried here; applying checks that the person may see it."""
    target = next((k for k in TARGETS if request.GET.get(k, "").isdigit()), None)
    if target is None:
        raise Http404
    return render(request, "tasktemplates/_choices.html", {
        "templates": selectors.templates_to_apply(actor=request.user), "target": target,
        "target_id": request.GET[target], "next": safe_next(request, "/"), "key": uuid.uuid4().hex,
    })


@admin_only
def post_sale(request, process_id: int):
    """Settings › Sales processes › a process: the templates applied when its deals are won or
    lost (GET: the form, loaded by htmx into the process page)."""
    if request.method != "POST":
        process = process_get(actor=request.user, process_id=process_id)
        current = postsale.post_sale_of(process)
        return render(request, "tasktemplates/_post_sale_form.html", {
            "process": process, "templates": templates_of(request.user).order_by("name", "id"),
            "choices": [("won_template_id", _("When a deal is won"), current.won_template_id),
                        ("lost_template_id", _("When a deal is lost"), current.lost_template_id)],
        })
    values = {f: request.POST.get(f) or None for f in postsale.FIELDS.values()}
    try:
        postsale.post_sale_set(actor=request.user, process_id=process_id, **values)
    except FieldErrors as exc:
        _say_problems(request, exc)
        return redirect("setup:process", process_id)
    return done(request, _("Post-sale tasks saved."), "setup:process", process_id)
