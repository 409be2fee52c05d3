"""D9: the public page of a form, ``/f/<slug>``: no login, an HTML page that works on a phone
and a JSON POST for websites that send it themselves.

Thin, as every view: ``spam`` throttles and spots robots, ``submit.form_submit`` does the work,
inside ``core.idempotency.replay_or_run`` when the sender names a key (the ``Idempotency-Key``
header, or the hidden field each page view of the HTML form carries), so a retried submission
answers as the first did and makes no second customer or task.

Embedding: the form's allowed origins may frame the page (``frame-ancestors``, in place of the
site-wide ``'none'``) and may POST JSON to it from their pages (CORS, with its preflight).
"""

import json
import uuid

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from followup.core.exceptions import FieldErrors
from followup.core.headers import HEADER as CSP_HEADER
from followup.core.idempotency import HEADER as KEY_HEADER
from followup.core.idempotency import replay_or_run
from followup.intake import spam
from followup.intake.models import Form
from followup.intake.submit import form_submit

KEY_FIELD = "idempotency_key"


def _public_form(slug: str) -> Form:
    form = Form.objects.select_related("author").filter(slug=slug, is_active=True).first()
    if form is None or form.author is None or not form.author.is_active:
        raise Http404(_("This form does not exist or no longer accepts submissions."))
    return form


def _frame_policy(form: Form) -> str:
    """The site's policy with this form's embedders (or still nobody) as frame ancestors."""
    ancestors = " ".join(["'self'", *form.origins]) if form.origins else "'none'"
    directives = [d for d in settings.CONTENT_SECURITY_POLICY.split("; ") if not d.startswith("frame-ancestors")]
    return "; ".join([*directives, f"frame-ancestors {ancestors}"])


def _embedding(form: Form, request, response: HttpResponse) -> HttpResponse:
    response[CSP_HEADER] = _frame_policy(form)
    if form.origins:
        response.xframe_options_exempt = True  # frame-ancestors decides; X-Frame-Options cannot list sites
    origin = request.headers.get("Origin", "").rstrip("/")
    if origin and origin in form.origins:
        response["Access-Control-Allow-Origin"] = origin
        response["Access-Control-Expose-Headers"] = "Idempotent-Replayed"
    response["Vary"] = "Origin"
    return response


def _preflight(form: Form, request) -> HttpResponse:
    response = HttpResponse(status=204)
    if request.headers.get("Origin", "").rstrip("/") in form.origins:
        response["Access-Control-Allow-Methods"] = "POST, OPTIONS"
        response["Access-Control-Allow-Headers"] = f"Content-Type, {KEY_HEADER}"
        response["Access-Control-Max-Age"] = "600"
    return response


def _page(request, form: Form, *, values: dict, errors: dict, status: int = 200) -> HttpResponse:
    # A fresh key for each page shown, a corrected one included: its body differs from the first.
    rows = [{**spec, "value": values.get(spec["field"], ""), "errors": errors.get(spec["field"], [])}
            for spec in form.fields]
    return render(request, "intake/public_form.html", {
        "form": form, "rows": rows, "consent": values.get("consent"), "errors": errors,
        "page_errors": errors.get("__all__", []), "key": uuid.uuid4().hex,
        "honeypot": spam.HONEYPOT,
    }, status=status)


def _sent(request, as_json: bool) -> dict:
    if not as_json:
        return request.POST.dict()
    try:
        values = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise FieldErrors.single("body", _("Send a JSON object.")) from None
    if not isinstance(values, dict):
        raise FieldErrors.single("body", _("Send a JSON object."))
    return values


def _answer(request, form: Form, values: dict, as_json: bool) -> HttpResponse:
    try:
        form_submit(form_id=form.pk, values=values, client=spam.client_of(request))
    except FieldErrors as exc:
        if as_json:
            return JsonResponse({"errors": exc.errors}, status=422)
        return _page(request, form, values=values, errors=exc.errors, status=422)
    return _done(form, as_json)


def _done(form: Form, as_json: bool) -> HttpResponse:
    if as_json:
        return JsonResponse({"ok": True, "message": form.thank_you or _("Thank you! We will be in touch soon.")},
                            status=201)
    return redirect("form_thanks", slug=form.slug, permanent=False)


@csrf_exempt  # a public page, posted from other websites; no session is involved
def form_page(request, slug: str):
    """GET the form, OPTIONS the CORS preflight, POST a submission (form-encoded or JSON)."""
    form = _public_form(slug)
    if request.method == "OPTIONS":
        return _embedding(form, request, _preflight(form, request))
    if request.method == "GET":
        return _embedding(form, request, _page(request, form, values={}, errors={}))
    if request.method != "POST":
        return HttpResponse(status=405, headers={"Allow": "GET, POST, OPTIONS"})
    as_json = request.content_type == "application/json"
    try:
        values = _sent(request, as_json)
    except FieldErrors as exc:
        return _embedding(form, request, JsonResponse({"errors": exc.errors}, status=422))
    return _embedding(form, request, _submission(request, form, values, as_json))


def _submission(request, form: Form, values: dict, as_json: bool) -> HttpResponse:
    if spam.rate_limited(form=form, client=spam.client_of(request)):
        message = _("Too many submissions from your address: try again in a minute.")
        if as_json:
            return JsonResponse({"errors": {"__all__": [message]}}, status=429, headers={"Retry-After": "60"})
        return _page(request, form, values=values, errors={"__all__": [message]}, status=429)
    if spam.is_robot(values):
        return _done(form, as_json)  # a robot is thanked and nothing is made
    key = request.headers.get(KEY_HEADER) or str(values.get(KEY_FIELD) or "")
    if not key:
        return _answer(request, form, values, as_json)
    try:
        return replay_or_run(request=request, scope=f"form:{form.pk}", key=key,
                             run=lambda: _answer(request, form, values, as_json))
    except FieldErrors as exc:  # the key was used for another submission
        if as_json:
            return JsonResponse({"errors": exc.errors}, status=422)
        return _page(request, form, values=values, errors={"__all__": sum(exc.errors.values(), [])}, status=422)


def form_thanks(request, slug: str):
    form = _public_form(slug)
    return _embedding(form, request, render(request, "intake/public_thanks.html", {"form": form}))
