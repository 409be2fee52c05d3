"""Customer endpoints: list with search, create, read, edit (a stage change is recorded), a
customer's tasks and its history (C1, C4, D7)."""

from ninja import Query, Router, Status

from followup.api import customer_schemas as s
from followup.api.auth import everyone, task_module
from followup.api.common import BODY_ERRORS, ERRORS, Id, PageQuery, page_out
from followup.api.task_schemas import TaskPageOut, task_item_out
from followup.customers import selectors, services
from followup.customers.access import customer_get
from followup.customers.timeline import customer_timeline
from followup.tasks.selectors import customer_tasks

router = Router(auth=everyone(), tags=["customers"])


def _one(request, customer_id: int) -> dict:
    return s.customer_out(selectors.customer_detail(actor=request.auth, customer_id=customer_id))


@router.get("/customers", response={200: s.CustomerPageOut, **ERRORS})
def customer_list(request, query: Query[s.CustomerListQuery]):
    """C1: the customers of your organization by name, searchable by name, e-mail or phone."""
    page = selectors.customer_list(actor=request.auth, q=query.q, page=query.page, size=query.size)
    return page_out(request, page, [s.customer_out(c) for c in page.items])


@router.post("/customers", response={201: s.CustomerOut, **BODY_ERRORS})
def customer_create(request, payload: s.CustomerIn):
    """C1: a new customer; fields left out take their defaults (a person, a lead, owned by you)."""
    customer = services.customer_create(actor=request.auth, **payload.sent())
    return Status(201, _one(request, customer.pk))


@router.get("/customers/{customer_id}", response={200: s.CustomerOut, **ERRORS})
def customer_detail(request, customer_id: Id):
    return _one(request, customer_id)


@router.patch("/customers/{customer_id}", response={200: s.CustomerOut, **BODY_ERRORS})
def customer_update(request, customer_id: Id, payload: s.CustomerPatchIn):
    """Change some fields; the others stay as they are."""
    services.customer_update(actor=request.auth, customer_id=customer_id, **payload.sent())
    return _one(request, customer_id)


@router.get("/customers/{customer_id}/tasks", response={200: TaskPageOut, **ERRORS}, auth=task_module())
def customer_task_list(request, customer_id: Id, query: Query[s.CustomerTasksQuery]):
    """C4, D7: the customer's tasks you may see, pending ones first."""
    customer = customer_get(actor=request.auth, customer_id=customer_id)
    page = customer_tasks(actor=request.auth, customer=customer, include_closed=query.all,
                          page=query.page, size=query.size)
    return page_out(request, page, [task_item_out(t) for t in page.items])


@router.get("/customers/{customer_id}/timeline", response={200: s.TimelinePageOut, **ERRORS})
def customer_timeline_list(request, customer_id: Id, query: Query[PageQuery]):
    """C4: the customer's history that you may see, newest first: tasks created and completed,
    notes, chat messages on its tasks and deals, its deals' stage and status changes, and its own
    stage changes."""
    customer = customer_get(actor=request.auth, customer_id=customer_id)
    page = customer_timeline(actor=request.auth, customer=customer, page=query.page, size=query.size)
    return page_out(request, page, [s.timeline_entry_out(e) for e in page.items])
