def _v(request, pk=None):
    pass


escalation_list = escalation_delete = _v
