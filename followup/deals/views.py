"""Deal pages (J18): the list with its status tabs and a create form, the deal with its stage
pipeline, won / lost / reopen and its changes, and the edit form. The stage and status buttons
answer htmx with the changed state card (and the change list, out of band); a plain POST is
redirected back to the deal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from followup.core.exceptions import FieldErrors
from followup.core.parsing import parse_paging
from followup.core.responses import is_htmx
from followup.core.web import domain_errors
from followup.customers.selectors import customer_name
from followup.deals import selectors, services
from followup.deals.models import CURRENCIES, DealStatus

CREATE_FIELDS = ("customer_id", "title", "amount", "currency")


def _status_filter(request) -> str:
    raw = request.GET.get("status", "")
    return raw if raw in DealStatus.values else ""


def _customer_filter(request) -> int | None:
    raw = request.GET.get("customer", "")
    return int(raw) if raw.isdigit() and len(raw) < 18 else None


def _list_page(request, *, values: dict, errors: dict, status=200):
    number, size = parse_paging(request.GET)
    status_filter, customer_id = _status_filter(request), _customer_filter(request)
    return render(request, "deals/list.html", {
        "page": selectors.deal_list(actor=request.user, status=status_filter or None, customer_id=customer_id,
                                    page=number, size=size),
        "status_filter": status_filter, "statuses": DealStatus.choices, "customer_filter": customer_id,
        "values": values, "errors": errors, "currencies": CURRENCIES,
    }, status=status)


@login_required
@domain_errors
def deal_list(request):
    """Queries: session, user+organization, header count, deals (customer, owner, process), the
    default currency (the latest deal's); and the chosen customer's name when the form starts from
    one (``?customer=``). The customer is found by searching (issue 13 §1.1), so every customer
    of the organization can get a deal."""
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in CREATE_FIELDS}
        try:
            deal = services.deal_create(actor=request.user, customer_id=values["customer_id"] or None,
                                        title=values["title"], amount=values["amount"],
                                        currency=values["currency"])
        except FieldErrors as exc:
            values["customer_label"] = request.POST.get("customer_label", "")
            return _list_page(request, values=values, errors=exc.errors, status=422)
        messages.success(request, _("Deal created."))
        return redirect("deals:detail", pk=deal.pk)
    customer_id = _customer_filter(request)
    return _list_page(request, values={
        "customer_id": str(customer_id or ""), "title": "", "amount": "",
        "currency": selectors.currency_default(request.user.organization_id),
        "customer_label": customer_name(actor=request.user, customer_id=customer_id),
    }, errors={})


def _state_context(deal) -> dict:
    return {"deal": deal, "changes": selectors.deal_changes(deal=deal)}


@login_required
@domain_errors
def deal_detail(request, pk: int):
    deal = selectors.deal_detail(actor=request.user, deal_id=pk)
    return render(request, "deals/detail.html", {
        **_state_context(deal),
        "memos": selectors.deal_memos(actor=request.user, deal=deal),
        "tasks": selectors.deal_tasks(actor=request.user, deal=deal),
    })


def _after_change(request, pk: int, message: str):
    """htmx gets the state card and the change list; a plain POST goes back to the deal."""
    if is_htmx(request):
        deal = selectors.deal_detail(actor=request.user, deal_id=pk)
        return render(request, "deals/_state_swap.html", _state_context(deal))
    messages.success(request, message)
    return redirect("deals:detail", pk=pk)


@login_required
@require_POST
@domain_errors
def deal_stage(request, pk: int):
    deal = services.deal_set_stage(actor=request.user, deal_id=pk, stage_id=request.POST.get("stage_id"))
    return _after_change(request, pk, _("Moved to “%(stage)s”.") % {"stage": deal.stage_name})


def _closing_view(service, done: str):
    """A view that wins, loses or reopens a deal with ``service`` and says ``done``."""

    @login_required
    @require_POST
    @domain_errors
    def view(request, pk: int):
        service(actor=request.user, deal_id=pk)
        return _after_change(request, pk, str(done))

    return view


deal_won = _closing_view(services.deal_mark_won, gettext_lazy("Deal won."))
deal_lost = _closing_view(services.deal_mark_lost, gettext_lazy("Deal lost."))
deal_reopen = _closing_view(services.deal_reopen, gettext_lazy("Deal reopened."))


def _edit_page(request, deal, *, values: dict, errors: dict, owner_text: str, status=200):
    return render(request, "deals/edit.html", {
        "deal": deal, "values": values, "errors": errors, "currencies": CURRENCIES, "owner_text": owner_text,
        "processes": selectors.sales_processes(request.user),
        "process": selectors.sales_process_for_form(request.user, values["process_id"]),
    }, status=status)


@login_required
@domain_errors
def deal_edit(request, pk: int):
    """Title, amount and its currency, sales process, a stage of that process and owner, each error by its field."""
    deal = selectors.deal_detail(actor=request.user, deal_id=pk)
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in services.EDITABLE_FIELDS}
        try:
            services.deal_update(actor=request.user, deal_id=deal.pk, **values)
        except FieldErrors as exc:
            return _edit_page(request, deal, values=values, errors=exc.errors,
                              owner_text=request.POST.get("owner_label", ""), status=422)
        messages.success(request, _("Deal saved."))
        return redirect("deals:detail", pk=deal.pk)
    return _edit_page(request, deal, values={
        "title": deal.title, "amount": str(deal.amount), "currency": deal.currency,
        "process_id": str(deal.process_id or ""), "stage_id": str(deal.stage_id or ""),
        "owner_id": str(deal.owner_id or ""),
    }, errors={}, owner_text=deal.owner.display_name if deal.owner_id else "")


@login_required
@domain_errors
def stage_options(request):
    """The edit form's stage field for the process just chosen (an htmx fragment)."""
    return render(request, "deals/_stage_field.html", {
        "process": selectors.sales_process_for_form(request.user, request.GET.get("process_id")),
        "values": {"stage_id": ""}, "errors": {},
    })
