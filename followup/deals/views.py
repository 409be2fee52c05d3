"""Deal pages (minimal, J18): the list with a create form and the deal with its memos and tasks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from followup.accounts.views import domain_errors
from followup.core.exceptions import FieldErrors
from followup.customers.selectors import customer_choices
from followup.deals import selectors, services
from followup.tasks.forms import parse_paging


def _list_page(request, *, values: dict, errors: dict, status=200):
    number, size = parse_paging(request.GET)
    return render(request, "deals/list.html", {
        "page": selectors.deal_list(actor=request.user, page=number, size=size),
        "values": values, "errors": errors, "customers": customer_choices(actor=request.user, limit=200),
    }, status=status)


@login_required
@domain_errors
def deal_list(request):
    """Queries: session, user+organization, header count, deals with customers, customer choices."""
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in ("customer_id", "title", "amount")}
        try:
            deal = services.deal_create(actor=request.user, customer_id=values["customer_id"] or None,
                                        title=values["title"], amount=values["amount"])
        except FieldErrors as exc:
            return _list_page(request, values=values, errors=exc.errors, status=422)
        messages.success(request, _("Deal created."))
        return redirect("deals:detail", pk=deal.pk)
    return _list_page(request, values={"customer_id": "", "title": "", "amount": ""}, errors={})


@login_required
@domain_errors
def deal_detail(request, pk: int):
    deal = selectors.deal_detail(actor=request.user, deal_id=pk)
    return render(request, "deals/detail.html", {
        "deal": deal, "memos": selectors.deal_memos(actor=request.user, deal=deal),
        "tasks": selectors.deal_tasks(actor=request.user, deal=deal),
    })
