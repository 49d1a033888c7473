from django_tasks import task

from . import services


@task()
def deliver_notice(notice_id):
    """Send a notice on every channel still waiting (email, gateway)."""
    return services.deliver_notice(notice_id=notice_id)
