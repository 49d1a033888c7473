"""What verifiers fetch about a kabupaten as the issuer of credentials."""

from django.urls import path

from . import views

app_name = "issuers"

urlpatterns = [
    path("<str:code>/did.json", views.issuer_did_document, name="did"),
    path("<str:code>/status/revocation.json", views.status_list, name="status_list"),
]
