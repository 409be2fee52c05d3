def _v(request, pk=None):
    pass


trigger_list = trigger_new = trigger_detail = trigger_edit = trigger_passed = trigger_delete = _v
