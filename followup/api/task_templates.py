"""API of task templates (L3) and of the post-sale templates of a sales process (L4). Managing
them is for administrators (L8); applying one is for everyone who may see the target. A retried
apply with the same ``Idempotency-Key`` answers the first set and makes no second one (the
middleware in ``followup.api.idempotency``). Thin: the rules live in ``followup.tasktemplates``."""

import datetime as dt

from ninja import Field, Query, Router, Status

from followup.api import common as c
from followup.api import task_schemas as ts
from followup.api.auth import everyone
from followup.automation.models import AssignTo
from followup.deals.processes import process_get
from followup.tasktemplates import postsale, selectors, services
from followup.tasktemplates.access import template_for_admin, template_for_use
from followup.tasktemplates.apply import template_apply
from followup.tasktemplates.models import PostSale, TaskTemplate

router = Router(auth=everyone(), tags=["task-templates"])

AssignToName = c.names_of(AssignTo.values)


class ItemIn(c.In):
    title: str = Field(max_length=200)
    task_type_id: c.Id | None = None
    priority: ts.PriorityName = "medium"
    delay_days: int = Field(0, ge=0, le=services.MAX_DELAY, description="Due this many days after applying.")
    description: str = Field("", max_length=20_000)
    assign_to: AssignToName = AssignTo.CUSTOMER_OWNER
    assign_user_id: c.Id | None = Field(None, description="For assign_to=fixed.")
    assign_department_id: c.Id | None = Field(None, description="For round_robin and least_loaded.")
    assign_team_id: c.Id | None = Field(None, description="For team_round_robin and team_least_loaded.")


class TemplateIn(c.In):
    name: str = Field(max_length=120)
    skip_weekends: bool = Field(False, description="Count only working days in the delays.")
    items: list[ItemIn] = Field(min_length=1, max_length=services.MAX_ITEMS)


class TemplatePatchIn(c.In):
    """Send only the fields to change; ``items`` replaces every line."""

    name: str = Field(None, max_length=120)
    skip_weekends: bool = None
    items: list[ItemIn] = Field(None, min_length=1, max_length=services.MAX_ITEMS)


class ItemOut(c.Out):
    title: str
    task_type_id: int | None
    priority: ts.PriorityName
    delay_days: int
    description: str
    assign_to: str
    assign_user_id: int | None
    assign_department_id: int | None
    assign_team_id: int | None


class TemplateOut(c.Out):
    id: int
    name: str
    skip_weekends: bool
    items: list[ItemOut]
    created_at: dt.datetime
    updated_at: dt.datetime


class TemplatePageOut(c.Out):
    items: list[TemplateOut]
    page: int
    size: int
    has_next: bool
    next: str | None


class ApplyIn(c.In):
    """Exactly one of them."""

    customer_id: c.Id | None = None
    deal_id: c.Id | None = None
    project_id: c.Id | None = None


class ApplyOut(c.Out):
    template_id: int
    tasks: list[ts.TaskItemOut]


class PostSaleIn(c.In):
    won_template_id: c.Id | None = Field(None, description="Applied when a deal of the process is won; null: none.")
    lost_template_id: c.Id | None = Field(None, description="Applied when a deal of the process is lost; null: none.")


class PostSaleOut(c.Out):
    process_id: int
    won_template_id: int | None
    lost_template_id: int | None


def item_out(values: dict) -> dict:
    return {**values, "priority": ts.PRIORITY_NAMES[values["priority"]]}


def template_out(template: TaskTemplate) -> dict:
    return {"id": template.pk, "name": template.name, "skip_weekends": template.skip_weekends,
            "items": [item_out(services.template_item_values(i)) for i in template.items.all()],
            "created_at": c.utc(template.created_at), "updated_at": c.utc(template.updated_at)}


def post_sale_out(post_sale: PostSale) -> dict:
    return {"process_id": post_sale.process_id, "won_template_id": post_sale.won_template_id,
            "lost_template_id": post_sale.lost_template_id}


def _given(payload) -> dict:
    """What was sent, with the lines' priority names turned into their values."""
    given = payload.model_dump(exclude_unset=True)
    for item in given.get("items") or []:
        item["priority"] = ts.PRIORITY_VALUES[item.get("priority") or "medium"]
    return given


@router.get("/task-templates", response={200: TemplatePageOut, **c.ERRORS})
def templates_list(request, query: Query[c.PageQuery]):
    """L3: the organization's task templates with their lines (everyone reads them, to apply one;
    administrators write them)."""
    page = selectors.template_list(actor=request.auth, page=query.page, size=query.size)
    return c.page_out(request, page, [template_out(t) for t in page.items])


@router.post("/task-templates", response={201: TemplateOut, **c.BODY_ERRORS})
def templates_create(request, payload: TemplateIn):
    template = services.template_create(actor=request.auth, **_given(payload))
    return Status(201, template_out(template_for_admin(actor=request.auth, template_id=template.pk)))


@router.get("/task-templates/{template_id}", response={200: TemplateOut, **c.ERRORS})
def templates_detail(request, template_id: c.Id):
    return template_out(template_for_use(actor=request.auth, template_id=template_id))


@router.patch("/task-templates/{template_id}", response={200: TemplateOut, **c.BODY_ERRORS})
def templates_update(request, template_id: c.Id, payload: TemplatePatchIn):
    services.template_update(actor=request.auth, template_id=template_id, **_given(payload))
    return template_out(template_for_admin(actor=request.auth, template_id=template_id))


@router.delete("/task-templates/{template_id}", response={204: None, **c.ERRORS})
def templates_delete(request, template_id: c.Id):
    """The tasks it made stay."""
    services.template_delete(actor=request.auth, template_id=template_id)
    return Status(204, None)


@router.post("/task-templates/{template_id}/apply", response={201: ApplyOut, **c.BODY_ERRORS})
def templates_apply(request, template_id: c.Id, payload: ApplyIn):
    """L3: make the template's tasks for one customer, deal or project, due after each line's
    delay from today; send an ``Idempotency-Key`` so that a retry makes no second set."""
    tasks = template_apply(actor=request.auth, template_id=template_id, **payload.model_dump())
    return Status(201, {"template_id": template_id,
                        "tasks": [ts.task_item_out(t) for t in selectors.tasks_made(tasks)]})


@router.get("/sales-processes/{process_id}/post-sale", response={200: PostSaleOut, **c.ERRORS})
def post_sale_detail(request, process_id: c.Id):
    """L4: the templates the process applies when a deal is won or lost."""
    postsale.ensure_admin(request.auth)
    return post_sale_out(postsale.post_sale_of(process_get(actor=request.auth, process_id=process_id)))


@router.patch("/sales-processes/{process_id}/post-sale", response={200: PostSaleOut, **c.BODY_ERRORS})
def post_sale_update(request, process_id: c.Id, payload: PostSaleIn):
    return post_sale_out(postsale.post_sale_set(actor=request.auth, process_id=process_id,
                                                **payload.model_dump(exclude_unset=True)))
