"""Text helpers that do not belong to any app."""

from django.utils.functional import lazy


def _format(template, **values) -> str:
    return str(template) % {k: str(v) for k, v in values.items()}


#: ``lazy_format(gettext_lazy("The rule “%(name)s”"), name=...)``: the sentence worded when it is
#: read, so in the reader's language.
lazy_format = lazy(_format, str)
