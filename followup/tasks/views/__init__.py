"""The DM Hub task module in the browser (D1–D5, D10, A4), one module per page or kind of action.

Views are thin: they read input with ``followup.tasks.forms``, call one service or selector and
render.
"""
