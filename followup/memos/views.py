"""Memo pages (J14–J20): list with status tabs, new/edit, the memo with its actions, and the
forms that make a task or a project from it. Thin: parse, call one service or selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup.accounts.selectors import people_named, people_search, person_choices
from followup.core.combobox import choices_response, search_text
from followup.core.concurrency import form_version
from followup.core.dates import DateError, parse_date
from followup.core.exceptions import FieldErrors, StaleEdit
from followup.core.parsing import parse_id_list, parse_paging
from followup.core.web import domain_errors
from followup.deals.selectors import deal_detail
from followup.memos import selectors, services
from followup.memos.access import can_edit, ensure_can_edit
from followup.memos.models import MemoStatus


def _ids(request, name: str) -> list[int]:
    ids = parse_id_list(request.POST.getlist(name))
    if ids is None:
        raise FieldErrors.single(name, _("Choose people of your organization."))
    return ids


@login_required
@domain_errors
def memo_list(request):
    """Queries: session, user+organization, header count, memos (people, deal), their tasks."""
    number, size = parse_paging(request.GET)
    status = request.GET.get("status") or ""
    if status not in MemoStatus.values:
        status = ""
    return render(request, "memos/list.html", {
        "page": selectors.memo_list(actor=request.user, status=status or None, page=number, size=size),
        "status": status, "statuses": MemoStatus.choices,
    })


def _form_page(request, *, values: dict, errors: dict, memo=None, deal=None, stale="", status=200):
    return render(request, "memos/form.html", {
        "values": values, "errors": errors, "memo": memo, "deal": deal, "stale": stale,
        "subscribers_chosen": people_named(actor=request.user, ids=values["subscriber_ids"]),
    }, status=status)


def _posted(request) -> dict:
    return {"title": request.POST.get("title", ""), "body": request.POST.get("body", ""),
            "recipient_id": request.POST.get("recipient_id", ""),
            "recipient_label": request.POST.get("recipient_label", ""),
            "subscriber_ids": [str(v) for v in request.POST.getlist("subscriber_ids")]}


@login_required
def recipient_choices(request):
    """Issue 13 §1.1, J14: the memo's To picker: the department heads and company managers
    matching ``q``. Queries: session, user + organization, the people."""
    q = search_text(request)
    people = people_search(actor=request.user, q=q, queryset=selectors.memo_recipients(request.user))
    empty = (_("No department head or company manager matches “%(q)s”.") % {"q": q} if q
             else _("Your organization has no department head or company manager yet."))
    return choices_response(request, person_choices(people, actor=request.user), empty=empty)


@login_required
@domain_errors
def memo_new(request):
    """J14, J15, J18: write a memo (from a deal with ?deal=); save it as a draft or send it."""
    deal_id = request.POST.get("deal_id") or request.GET.get("deal") or None
    deal = deal_detail(actor=request.user, deal_id=deal_id) if deal_id else None
    if request.method == "POST":
        values = _posted(request)
        try:
            memo = services.memo_create(
                actor=request.user, title=values["title"], body=values["body"],
                recipient_id=values["recipient_id"] or None, subscriber_ids=_ids(request, "subscriber_ids"),
                deal_id=deal.pk if deal else None, send="send" in request.POST)
        except FieldErrors as exc:
            return _form_page(request, values=values, errors=exc.errors, deal=deal, status=422)
        messages.success(request, _("Memo sent.") if memo.status == MemoStatus.SENT else _("Draft saved."))
        return redirect("memos:detail", pk=memo.pk)
    values = {"title": deal.title if deal else "", "body": "", "recipient_id": "", "recipient_label": "",
              "subscriber_ids": []}
    return _form_page(request, values=values, errors={}, deal=deal)


@login_required
@domain_errors
def memo_edit(request, pk: int):
    """J16: the author edits until the memo is reviewed. The form carries the version it was
    loaded with; if someone saved the memo since, the user's input is kept with a warning (409)
    and saving again overwrites the newer version knowingly."""
    memo = selectors.memo_detail(actor=request.user, memo_id=pk)
    ensure_can_edit(request.user, memo)
    if request.method == "POST":
        values = {**_posted(request), "version": request.POST.get("version", "")}
        try:
            services.memo_update(actor=request.user, memo_id=pk, version=form_version(values["version"]),
                                 title=values["title"], body=values["body"],
                                 recipient_id=values["recipient_id"] or "",
                                 subscriber_ids=_ids(request, "subscriber_ids"))
        except FieldErrors as exc:
            return _form_page(request, values=values, errors=exc.errors, memo=memo, deal=memo.deal, status=422)
        except StaleEdit as exc:
            return _form_page(request, values={**values, "version": str(exc.current)}, errors={}, memo=memo,
                              deal=memo.deal, stale=str(exc), status=409)
        if "send" in request.POST and memo.status == MemoStatus.DRAFT:
            services.memo_send(actor=request.user, memo_id=pk)
            messages.success(request, _("Memo sent."))
        else:
            messages.success(request, _("Memo saved."))
        return redirect("memos:detail", pk=pk)
    values = {"title": memo.title, "body": memo.body, "recipient_id": str(memo.recipient_id or ""),
              "recipient_label": memo.recipient.display_name if memo.recipient_id else "",
              "subscriber_ids": [str(u.pk) for u in memo.subscribers.all()], "version": str(memo.version)}
    return _form_page(request, values=values, errors={}, memo=memo, deal=memo.deal)


@login_required
@domain_errors
def memo_detail(request, pk: int):
    memo = selectors.memo_detail(actor=request.user, memo_id=pk)
    return render(request, "memos/detail.html", {
        "memo": memo, "can_edit": can_edit(request.user, memo),
        "is_recipient": memo.recipient_id == request.user.pk and memo.status != MemoStatus.DRAFT,
    })


def _action(service, done_message):
    @login_required
    @require_POST
    @domain_errors
    def view(request, pk: int):
        service(actor=request.user, memo_id=pk)
        messages.success(request, done_message())
        return redirect("memos:detail", pk=pk)
    return view


memo_send = _action(services.memo_send, lambda: _("Memo sent."))
memo_review = _action(services.memo_review, lambda: _("Memo marked reviewed; its author was told."))
memo_postpone = _action(services.memo_postpone, lambda: _("Memo postponed."))


def _make_page(request, memo, kind: str, values: dict, errors: dict):
    """J17: the prefilled form that turns a memo into a task or a project."""
    return render(request, "memos/make.html", {
        "memo": memo, "kind": kind, "values": values, "errors": errors,
        "people_chosen": people_named(actor=request.user, ids=values.get("assignee_ids") or values.get("member_ids")),
    }, status=422 if errors else 200)


@login_required
@domain_errors
def memo_make_task(request, pk: int):
    """J17: a task from a memo, prefilled with its title and text (both editable)."""
    memo = selectors.memo_detail(actor=request.user, memo_id=pk)
    values = {"title": memo.title, "description": memo.body, "due_date": "", "assignee_ids": []}
    errors: dict = {}
    if request.method == "POST":
        values = {"title": request.POST.get("title", ""), "description": request.POST.get("description", ""),
                  "due_date": request.POST.get("due_date", ""),
                  "assignee_ids": [str(v) for v in request.POST.getlist("assignee_ids")]}
        try:
            try:
                due = parse_date(values["due_date"])
            except DateError as exc:
                raise FieldErrors.single("due_date", str(exc)) from None
            task = services.memo_task_create(actor=request.user, memo_id=pk, title=values["title"],
                                             description=values["description"], due_date=due,
                                             assignee_ids=_ids(request, "assignee_ids"))
        except FieldErrors as exc:
            errors = exc.errors
        else:
            messages.success(request, _("Task created from the memo."))
            return redirect("tasks:detail", pk=task.pk)
    return _make_page(request, memo, "task", values, errors)


@login_required
@domain_errors
def memo_make_project(request, pk: int):
    """J17: a project from a memo, prefilled with its title and text (both editable)."""
    memo = selectors.memo_detail(actor=request.user, memo_id=pk)
    values = {"name": memo.title, "description": memo.body, "member_ids": []}
    errors: dict = {}
    if request.method == "POST":
        values = {"name": request.POST.get("name", ""), "description": request.POST.get("description", ""),
                  "member_ids": [str(v) for v in request.POST.getlist("member_ids")]}
        try:
            project = services.memo_project_create(actor=request.user, memo_id=pk, name=values["name"],
                                                   description=values["description"],
                                                   member_ids=_ids(request, "member_ids"))
        except FieldErrors as exc:
            errors = exc.errors
        else:
            messages.success(request, _("Project created from the memo."))
            return redirect("projects:detail", pk=project.pk)
    return _make_page(request, memo, "project", values, errors)



