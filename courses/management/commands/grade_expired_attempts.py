from django.core.management.base import BaseCommand

from courses.services import grade_expired_attempts


class Command(BaseCommand):
    help = "Grade timed quiz attempts whose time ran out (run every few minutes)."

    def handle(self, *args, **options):
        graded = grade_expired_attempts()
        self.stdout.write(f"{graded} attempt(s) graded.")
