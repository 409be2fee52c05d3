"""Followup: a CRM task and follow-up manager."""
