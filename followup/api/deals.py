"""API endpoints of deals (minimal, J18): list, create, read."""

import datetime as dt
from decimal import Decimal

from ninja import Field, Query, Router, Schema, Status

from followup.api import schemas as s
from followup.api.auth import everyone
from followup.api.tasks import ERRORS
from followup.deals import selectors, services
from followup.deals.models import Deal

router = Router(auth=everyone(), tags=["deals"])


class DealIn(Schema):
    customer_id: s.Id
    title: str = Field(..., max_length=200)
    amount: Decimal = Field(Decimal(0), ge=0, max_digits=14, decimal_places=2)


class DealOut(s.Out):
    id: int
    title: str
    customer: s.CustomerRef
    amount: Decimal
    stage: str
    status: str
    created_at: dt.datetime


class DealPageOut(s.Out):
    items: list[DealOut]
    page: int
    size: int
    has_next: bool
    next: str | None


def deal_out(d: Deal) -> dict:
    c = d.customer
    return {"id": d.pk, "title": d.title, "amount": d.amount, "stage": d.stage, "status": d.status,
            "customer": {"id": c.pk, "name": c.name, "email": c.email, "phone": c.phone}, "created_at": d.created_at}


@router.get("/deals", response={200: DealPageOut, **ERRORS})
def deal_list(request, query: Query[s.PageQuery]):
    page = selectors.deal_list(actor=request.auth, page=query.page, size=query.size)
    return s.page_out(request, page, [deal_out(d) for d in page.items])


@router.post("/deals", response={201: DealOut, **ERRORS})
def deal_create(request, payload: DealIn):
    deal = services.deal_create(actor=request.auth, **payload.model_dump())
    return Status(201, deal_out(selectors.deal_detail(actor=request.auth, deal_id=deal.pk)))


@router.get("/deals/{deal_id}", response={200: DealOut, **ERRORS})
def deal_detail(request, deal_id: s.Id):
    return deal_out(selectors.deal_detail(actor=request.auth, deal_id=deal_id))
