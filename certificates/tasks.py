from django.core.files.base import ContentFile
from django_tasks import task

from . import pdf
from .models import Certificate


@task()
def render_certificate_pdf(certificate_id):
    """Render a certificate's PDF once and store it; downloads are served from storage."""
    certificate = Certificate.objects.select_related("template").get(pk=certificate_id)
    if certificate.pdf:
        return certificate.pdf.name
    data = pdf.render_certificate(certificate)
    certificate.pdf.save(f"{certificate.token}.pdf", ContentFile(data), save=False)
    type(certificate).objects.filter(pk=certificate.pk).update(pdf=certificate.pdf.name)
    return certificate.pdf.name
