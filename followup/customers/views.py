"""Customer pages: the list with search and [+] (D6), create/edit, the profile with its Tasks
and History tabs and its deals (C1, C4, D7, D11), and the customer picker's search."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from followup.core.combobox import choices_response, search_text
from followup.core.exceptions import FieldErrors
from followup.core.parsing import parse_paging
from followup.core.web import domain_errors
from followup.customers import selectors, services
from followup.customers.access import customers_of
from followup.customers.forms import CustomerForm
from followup.customers.models import CustomerKind, Stage
from followup.customers.rows import CustomerRows
from followup.customers.stages import customers_move_to_stage
from followup.customers.timeline import customer_timeline
from followup.deals import selectors as deal_selectors
from followup.tasks import selectors as task_selectors

Q_MAX = 200


def _q(request) -> str:
    return (request.GET.get("q") or "").strip()[:Q_MAX]


@login_required
@domain_errors
def customer_list(request):
    """Queries: session, user+organization, header count, customers (owner joined). The rows are
    plain values, drawn by ``customers.rows`` (issue 16 §1)."""
    number, size = parse_paging(request.GET)
    q = _q(request)
    page = selectors.customer_list_rows(actor=request.user, q=q, page=number, size=size)
    tasks_on = request.user.organization.tasks_enabled
    return render(request, "customers/list.html", {
        "page": page, "rows": CustomerRows(tasks_on=tasks_on).rows(page.items),
        "q": q, "stages": Stage.choices, "tasks_on": tasks_on,
    })


def _profile(request, customer, *, tab: str, **context):
    """The profile around one tab: contact data, the customer's deals, and the tab's list."""
    return render(request, "customers/detail.html", {
        "customer": customer, "tab": tab, "tasks_on": request.user.organization.tasks_enabled,
        "deals": deal_selectors.customer_deals(actor=request.user, customer_id=customer.pk),
        "here": request.get_full_path(), **context,
    })


@login_required
@domain_errors
def customer_detail(request, pk: int):
    """C1, C4, D7: contact data and every task of the customer the user may see, open and done."""
    customer = selectors.customer_detail(actor=request.user, customer_id=pk)
    if not request.user.organization.tasks_enabled:  # D12: without tasks, the history is the profile
        return _history(request, customer)
    number, size = parse_paging(request.GET)
    return _profile(
        request, customer, tab="tasks",
        page=task_selectors.customer_tasks(actor=request.user, customer=customer, page=number, size=size),
        statuses=task_selectors.task_statuses(request.user), today=task_selectors.today_for(request.user),
    )


@login_required
@domain_errors
def customer_history(request, pk: int):
    """C4: everything that happened around the customer that the user may see, newest first."""
    return _history(request, selectors.customer_detail(actor=request.user, customer_id=pk))


def _history(request, customer):
    number, size = parse_paging(request.GET)
    if request.GET.get("embed"):  # A3: the task page's "Communication with …" loads the list alone
        return render(request, "customers/_timeline.html", {"customer": customer, "embedded": True, "page":
                      customer_timeline(actor=request.user, customer=customer, page=number, size=size)})
    return _profile(request, customer, tab="history",
                    page=customer_timeline(actor=request.user, customer=customer, page=number, size=size))


def _form_page(request, form: CustomerForm, *, customer=None, status=200):
    return render(request, "customers/form.html", {
        "form": form, "customer": customer, "kinds": CustomerKind.choices, "stages": Stage.choices,
    }, status=status)


@login_required
@domain_errors
def customer_new(request):
    if request.method == "POST":
        form = CustomerForm(request.POST)
        if not form.errors:
            try:
                customer = services.customer_create(actor=request.user, **form.values)
            except FieldErrors as exc:
                form.merge(exc.errors)
            else:
                messages.success(request, _("Customer “%(name)s” created.") % {"name": customer.name})
                return redirect("customers:detail", pk=customer.pk)
        return _form_page(request, form, status=422)
    return _form_page(request, CustomerForm(initial={
        "kind": CustomerKind.PERSON, "stage": Stage.LEAD, "owner": str(request.user.pk),
        "owner_label": request.user.display_name}))


@login_required
@domain_errors
def customer_edit(request, pk: int):
    customer = selectors.customer_detail(actor=request.user, customer_id=pk)
    if request.method == "POST":
        form = CustomerForm(request.POST)
        if not form.errors:
            try:
                services.customer_update(actor=request.user, customer_id=customer.pk, **form.values)
            except FieldErrors as exc:
                form.merge(exc.errors)
            else:
                messages.success(request, _("Customer saved."))
                return redirect("customers:detail", pk=customer.pk)
        return _form_page(request, form, customer=customer, status=422)
    return _form_page(request, CustomerForm(initial={
        "kind": customer.kind, "name": customer.name, "email": customer.email, "phone": customer.phone,
        "owner": str(customer.owner_id or ""), "owner_label": customer.owner.display_name if customer.owner_id else "",
        "stage": customer.stage, "company": str(customer.company_id or ""),
        "company_label": customer.company.name if customer.company_id else "",
        "birthday": customer.birthday, "contract_end_date": customer.contract_end_date,
        "notes": customer.notes,
    }), customer=customer)


@login_required
def customer_choices(request):
    """Issue 13 §1.1: the customer picker's options for ``q`` (``kind=company``: companies only).
    Queries: session, user + organization, the customers."""
    q = search_text(request)
    kind = CustomerKind.COMPANY if request.GET.get("kind") == CustomerKind.COMPANY else None
    if q:
        empty = _("No customer matches “%(q)s”.") % {"q": q}
    else:
        empty = _("No customer yet.")
    return choices_response(request, selectors.customer_choices(actor=request.user, q=q, kind=kind), empty=empty)


@login_required
@domain_errors
@require_POST
def customer_bulk_stage(request):
    """D8: "Move to stage" for the ticked rows, or for every customer the list's search finds
    (``everyone``); the rules for that stage then act in the background."""
    stage = request.POST.get("stage") or ""
    q = (request.POST.get("q") or "").strip()[:Q_MAX]
    back = redirect(f"{reverse('customers:list')}?{urlencode({'q': q})}" if q else reverse("customers:list"))
    if request.POST.get("everyone") == "on":
        chosen = {"everyone_matching": selectors.customer_search(customers_of(request.user), q)}
    else:
        chosen = {"customer_ids": [int(i) for i in request.POST.getlist("customer_ids") if i.isdigit() and len(i) < 18]}
        if not chosen["customer_ids"]:
            messages.error(request, _("Tick the customers to move first."))
            return back
    try:
        moved = customers_move_to_stage(actor=request.user, stage=stage, **chosen)
    except FieldErrors as exc:
        messages.error(request, " ".join(str(m) for ms in exc.errors.values() for m in ms))
        return back
    messages.success(request, ngettext("%(n)s customer moved to %(stage)s.", "%(n)s customers moved to %(stage)s.",
                                       moved) % {"n": moved, "stage": Stage(stage).label})
    return back
