"""Parsing of the customer form: strings to typed values, each unreadable field named."""

from django.utils.translation import gettext as _

from followup.core.dates import DateError, parse_date

FIELDS = ("kind", "name", "email", "phone", "owner", "stage", "company", "birthday", "contract_end_date", "notes")


class CustomerForm:
    FIELDS = FIELDS

    def __init__(self, data=None, *, initial: dict | None = None):
        self.errors: dict[str, list[str]] = {}
        self.values: dict = {}
        self.data = dict(initial or {})
        if data is not None:
            self.data = {name: data.get(name, "") for name in FIELDS}
            self.data["company_label"] = data.get("company_label", "")
            self.data["owner_label"] = data.get("owner_label", "")
            self._parse()

    def _parse(self):
        d, v = self.data, self.values
        for name in ("kind", "name", "email", "phone", "stage", "notes"):
            v[name] = (d.get(name) or "").strip() if name != "notes" else d.get(name) or ""
        for name, target in (("owner", "owner_id"), ("company", "company_id")):
            raw = (d.get(name) or "").strip()
            if not raw:
                v[target] = None
            elif raw.isdigit() and len(raw) < 18:
                v[target] = int(raw)
            else:
                self.errors[name] = [_("Choose from the list.")]
        for name in ("birthday", "contract_end_date"):
            try:
                v[name] = parse_date(d.get(name))
            except DateError as exc:
                self.errors[name] = [str(exc)]

    def merge(self, errors: dict[str, list[str]]) -> None:
        for field, messages in errors.items():
            self.errors.setdefault({"owner_id": "owner", "company_id": "company"}.get(field, field), messages)

    def __getitem__(self, name):
        """Templates read ``form.title``: the raw value typed (or the initial one)."""
        if name not in self.FIELDS and name not in ("company_label", "owner_label"):
            raise KeyError(name)
        return self.data.get(name, "")
