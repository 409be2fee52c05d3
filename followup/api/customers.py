"""Customer endpoints: list with search, create, read, edit, and a customer's tasks (C1, C4, D7)."""

from ninja import Query, Router, Status

from followup.api import schemas as s
from followup.api.auth import everyone, task_module
from followup.api.tasks import ERRORS
from followup.customers import selectors, services
from followup.customers.access import customer_get
from followup.tasks.selectors import customer_tasks

router = Router(auth=everyone(), tags=["customers"])


@router.get("/customers", response={200: s.CustomerPageOut, **ERRORS})
def customer_list(request, query: Query[s.CustomerListQuery]):
    """C1: the customers of your organization by name, searchable by name, e-mail or phone."""
    page = selectors.customer_list(actor=request.auth, q=query.q, page=query.page, size=query.size)
    return s.page_out(request, page, [s.customer_out(c) for c in page.items])


@router.post("/customers", response={201: s.CustomerOut, **ERRORS})
def customer_create(request, payload: s.CustomerIn):
    customer = services.customer_create(actor=request.auth, **payload.model_dump(exclude_unset=True))
    return Status(201, s.customer_out(selectors.customer_detail(actor=request.auth, customer_id=customer.pk)))


@router.get("/customers/{customer_id}", response={200: s.CustomerOut, **ERRORS})
def customer_detail(request, customer_id: s.Id):
    return s.customer_out(selectors.customer_detail(actor=request.auth, customer_id=customer_id))


@router.patch("/customers/{customer_id}", response={200: s.CustomerOut, **ERRORS})
def customer_update(request, customer_id: s.Id, payload: s.CustomerPatchIn):
    """Change some fields; the others stay as they are."""
    services.customer_update(actor=request.auth, customer_id=customer_id, **payload.model_dump(exclude_unset=True))
    return s.customer_out(selectors.customer_detail(actor=request.auth, customer_id=customer_id))


@router.get("/customers/{customer_id}/tasks", response={200: s.TaskPageOut, **ERRORS}, auth=task_module())
def customer_task_list(request, customer_id: s.Id, query: Query[s.CustomerTasksQuery]):
    """C4, D7: the customer's tasks you may see, pending ones first."""
    customer = customer_get(actor=request.auth, customer_id=customer_id)
    page = customer_tasks(actor=request.auth, customer=customer, include_closed=query.all,
                          page=query.page, size=query.size)
    return s.page_out(request, page, [s.task_item_out(t) for t in page.items])
