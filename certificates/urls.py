from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("cek/", views.lookup, name="lookup"),
    path("v/<str:token>/", views.verify, name="verify"),
    path("v/<str:token>.json", views.verify_json, name="verify_json"),
    path("v/<str:token>/credential.json", views.credential, name="credential"),
    path("<int:pk>/unduh/", views.download, name="download"),
]
