from django.core.files.base import ContentFile
from django_tasks import task


@task()
def render_certificate_pdf(certificate_id):
    """Render a certificate's PDF once and store it; downloads are served from storage."""
    from .models import Certificate
    from .pdf import render_certificate

    certificate = Certificate.objects.select_related("template").get(pk=certificate_id)
    if certificate.pdf:
        return certificate.pdf.name
    data = render_certificate(certificate)
    certificate.pdf.save(f"{certificate.token}.pdf", ContentFile(data), save=False)
    type(certificate).objects.filter(pk=certificate.pk).update(pdf=certificate.pdf.name)
    return certificate.pdf.name
