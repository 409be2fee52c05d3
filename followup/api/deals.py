"""API endpoints of deals (J18): list with status and customer filters, create, read, edit,
move to a stage, won / lost / reopen, and the deal's recorded changes. Thin: every rule is in
``followup.deals.services``."""

from ninja import Query, Router, Status

from followup.api import deal_schemas as s
from followup.api.auth import everyone
from followup.api.common import BODY_ERRORS, ERRORS, Id, page_out
from followup.deals import selectors, services

router = Router(auth=everyone(), tags=["deals"])


def _one(request, deal_id: int) -> dict:
    return s.deal_out(selectors.deal_detail(actor=request.auth, deal_id=deal_id))


@router.get("/deals", response={200: s.DealPageOut, **ERRORS})
def deal_list(request, query: Query[s.DealListQuery]):
    """Newest first; ``status`` and ``customer`` narrow the list."""
    page = selectors.deal_list(actor=request.auth, status=query.status, customer_id=query.customer,
                               page=query.page, size=query.size)
    return page_out(request, page, [s.deal_out(d) for d in page.items])


@router.post("/deals", response={201: s.DealOut, **BODY_ERRORS})
def deal_create(request, payload: s.DealIn):
    deal = services.deal_create(actor=request.auth, **payload.sent())
    return Status(201, _one(request, deal.pk))


@router.get("/deals/{deal_id}", response={200: s.DealOut, **ERRORS})
def deal_detail(request, deal_id: Id):
    return _one(request, deal_id)


@router.patch("/deals/{deal_id}", response={200: s.DealOut, **BODY_ERRORS})
def deal_update(request, deal_id: Id, payload: s.DealPatchIn):
    """Change some fields; a stage must be one of the deal's (new) process."""
    services.deal_update(actor=request.auth, deal_id=deal_id, **payload.sent())
    return _one(request, deal_id)


@router.post("/deals/{deal_id}/stage", response={200: s.DealOut, **BODY_ERRORS})
def deal_stage(request, deal_id: Id, payload: s.StageIn):
    """Move an open deal to another stage of its process."""
    services.deal_set_stage(actor=request.auth, deal_id=deal_id, stage=payload.stage)
    return _one(request, deal_id)


@router.post("/deals/{deal_id}/won", response={200: s.DealOut, **ERRORS})
def deal_won(request, deal_id: Id):
    services.deal_mark_won(actor=request.auth, deal_id=deal_id)
    return _one(request, deal_id)


@router.post("/deals/{deal_id}/lost", response={200: s.DealOut, **ERRORS})
def deal_lost(request, deal_id: Id):
    services.deal_mark_lost(actor=request.auth, deal_id=deal_id)
    return _one(request, deal_id)


@router.post("/deals/{deal_id}/reopen", response={200: s.DealOut, **ERRORS})
def deal_reopen(request, deal_id: Id):
    """A won or lost deal is open again."""
    services.deal_reopen(actor=request.auth, deal_id=deal_id)
    return _one(request, deal_id)


@router.get("/deals/{deal_id}/changes", response={200: list[s.DealChangeOut], **ERRORS})
def deal_changes(request, deal_id: Id):
    """Who changed the deal's stage or status, from what to what, newest first (at most 100)."""
    deal = selectors.deal_detail(actor=request.auth, deal_id=deal_id)
    return [s.change_out(c) for c in selectors.deal_changes(deal=deal)]
