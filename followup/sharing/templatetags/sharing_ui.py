from django import template

from followup.sharing.models import Level

register = template.Library()


@register.filter
def level_for(per_type: dict, type_id: int):
    """The per-type level of a share, or ``None`` when the type follows the all-types one."""
    return per_type.get(type_id)


@register.filter
def level_label(level: int) -> str:
    return Level(level).label
