"""C4, A5: the calls and e-mails logged on a customer's tasks, as lines of the customer's
History (``followup.customers.timeline``), registered from ``AppConfig.ready()`` like the forms'
submissions: the history never imports this app. A line follows its task: only what is logged on
a task the viewer sees is shown."""

from followup.communications.models import Communication
from followup.customers import timeline

KIND = "communication"


def customer_communications(customer):
    return Communication.objects.filter(customer_id=customer.pk)


def communications_for_history():
    return Communication.objects.select_related("author", "task").only(
        "id", "task_id", "outcome", "note", "created_at", "task__id", "task__title",
        *(f"author__{field}" for field in timeline.PEOPLE))


def connect() -> None:
    timeline.register_source(KIND, timeline.Source(
        rows=customer_communications, fetch=communications_for_history, actor=lambda logged: logged.author,
        subject=lambda logged: logged.task, template="communications/_history_entry.html", follows_task=True))
