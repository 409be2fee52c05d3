"""API of forms (D9): administrators list, build, read, change and delete them and read their
submissions (L8). Thin: the rules live in ``followup.intake``. Visitors do not use this API:
they POST to the form's public page ``/f/<slug>`` (JSON welcome)."""

import datetime as dt
from typing import Literal

from ninja import Field, Query, Router, Status

from followup.api import common as c
from followup.api import task_schemas as ts
from followup.api.auth import everyone
from followup.automation.models import AssignTo
from followup.customers.models import Stage
from followup.intake import building, selectors
from followup.intake.models import CustomerField, Form, Submission

router = Router(auth=everyone(), tags=["forms"], by_alias=True)  # "fields" in JSON, ``form_fields`` here

FieldName = Literal[tuple(CustomerField.values)]
StageOrNone = Literal[("", *Stage.values)]
AssignToName = Literal[tuple(AssignTo.values)]


class FormFieldIn(c.In):
    field: FieldName
    label: str = Field("", max_length=120, description="Empty: the customer field's own name.")
    required: bool = False


class FormFieldOut(c.Out):
    field: str
    label: str
    required: bool


class FormIn(c.In):
    name: str = Field(max_length=120)
    slug: str = Field("", max_length=60, description="The public page is /f/<slug>; empty: made from the name.")
    is_active: bool = True
    intro: str = Field("", max_length=5_000)
    form_fields: list[FormFieldIn] = Field(alias="fields", min_length=1, max_length=len(CustomerField.values),
                                           description="Must include email or phone: they find the customer.")
    thank_you: str = Field("", max_length=5_000)
    consent_text: str = Field("", max_length=5_000, description="Non-empty: visitors must tick a box with it.")
    stage: StageOrNone = Field("", description="The stage a NEW customer enters (its rules fire).")
    make_task: bool = False
    task_title: str = Field("", max_length=200, description="May use {customer}.")
    task_type_id: c.Id | None = None
    priority: ts.PriorityName = "medium"
    due_in_days: int = Field(1, ge=0, le=365)
    allowed_origins: list[str] = Field([], max_length=20, description="Sites that may embed it and POST JSON.")
    assign_to: AssignToName = AssignTo.CUSTOMER_OWNER
    assign_user_id: c.Id | None = None
    assign_department_id: c.Id | None = None
    assign_team_id: c.Id | None = None


class FormPatchIn(c.In):
    """Send only the fields to change."""

    name: str = Field(None, max_length=120)
    slug: str = Field(None, max_length=60)
    is_active: bool = None
    intro: str = Field(None, max_length=5_000)
    form_fields: list[FormFieldIn] = Field(None, alias="fields", min_length=1, max_length=len(CustomerField.values))
    thank_you: str = Field(None, max_length=5_000)
    consent_text: str = Field(None, max_length=5_000)
    stage: StageOrNone = None
    make_task: bool = None
    task_title: str = Field(None, max_length=200)
    task_type_id: c.Id | None = None
    priority: ts.PriorityName = None
    due_in_days: int = Field(None, ge=0, le=365)
    allowed_origins: list[str] = Field(None, max_length=20)
    assign_to: AssignToName = None
    assign_user_id: c.Id | None = None
    assign_department_id: c.Id | None = None
    assign_team_id: c.Id | None = None


class FormOut(c.Out):
    id: int
    name: str
    slug: str
    public_url: str
    is_active: bool
    intro: str
    form_fields: list[FormFieldOut] = Field(alias="fields")
    thank_you: str
    consent_text: str
    stage: str
    make_task: bool
    task_title: str
    task_type_id: int | None
    priority: ts.PriorityName
    due_in_days: int
    allowed_origins: list[str]
    assign_to: str
    assign_user_id: int | None
    assign_department_id: int | None
    assign_team_id: int | None
    author: c.UserRef | None
    created_at: dt.datetime


class FormPageOut(c.Out):
    items: list[FormOut]
    page: int
    size: int
    has_next: bool
    next: str | None


class SubmissionOut(c.Out):
    id: int
    customer_id: int
    new_customer: bool
    data: dict
    consent: bool
    task_id: int | None
    created_at: dt.datetime


class SubmissionPageOut(c.Out):
    items: list[SubmissionOut]
    page: int
    size: int
    has_next: bool
    next: str | None


def form_out(request, form: Form) -> dict:
    fields = {f: getattr(form, f) for f in building.FORM_FIELDS}
    fields.update(priority=ts.PRIORITY_NAMES[form.priority], allowed_origins=form.origins)
    return {"id": form.pk, **fields, "public_url": request.build_absolute_uri(f"/f/{form.slug}"),
            "author": c.user_ref(form.author), "created_at": c.utc(form.created_at)}


def submission_out(sub: Submission) -> dict:
    return {"id": sub.pk, "customer_id": sub.customer_id, "new_customer": sub.new_customer, "data": sub.data,
            "consent": sub.consent, "task_id": sub.task_id, "created_at": c.utc(sub.created_at)}


def _given(payload) -> dict:
    given = payload.model_dump(exclude_unset=True, by_alias=True)
    if given.get("priority") is not None:
        given["priority"] = ts.PRIORITY_VALUES[given["priority"]]
    if given.get("allowed_origins") is not None:
        given["allowed_origins"] = "\n".join(given["allowed_origins"])
    return {k: v for k, v in given.items() if v is not None or k.endswith("_id")}


@router.get("/forms", response={200: FormPageOut, **c.ERRORS})
def forms_list(request, query: Query[c.PageQuery]):
    """D9: the organization's forms."""
    page = selectors.form_list(actor=request.auth, page=query.page, size=query.size)
    return c.page_out(request, page, [form_out(request, f) for f in page.items])


@router.post("/forms", response={201: FormOut, **c.BODY_ERRORS})
def forms_create(request, payload: FormIn):
    """D9: a form, public at once at ``public_url`` (unless ``is_active`` is false)."""
    return Status(201, form_out(request, building.form_create(actor=request.auth, **_given(payload))))


@router.get("/forms/{form_id}", response={200: FormOut, **c.ERRORS})
def forms_detail(request, form_id: c.Id):
    return form_out(request, building.form_get(actor=request.auth, form_id=form_id))


@router.patch("/forms/{form_id}", response={200: FormOut, **c.BODY_ERRORS})
def forms_update(request, form_id: c.Id, payload: FormPatchIn):
    return form_out(request, building.form_update(actor=request.auth, form_id=form_id, **_given(payload)))


@router.delete("/forms/{form_id}", response={204: None, **c.ERRORS})
def forms_delete(request, form_id: c.Id):
    """The customers and tasks it made stay."""
    building.form_delete(actor=request.auth, form_id=form_id)
    return Status(204, None)


@router.get("/forms/{form_id}/submissions", response={200: SubmissionPageOut, **c.ERRORS})
def forms_submissions(request, form_id: c.Id, query: Query[c.PageQuery]):
    """What visitors sent, newest first, with the customer each found or made and its task."""
    form = building.form_get(actor=request.auth, form_id=form_id)
    page = selectors.form_submissions(form=form, page=query.page, size=query.size)
    return c.page_out(request, page, [submission_out(x) for x in page.items])
