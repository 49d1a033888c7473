"""URLs of notifications, mounted at /pemberitahuan/."""

from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.open_notice, name="open"),
    path("sudah-dibaca/", views.mark_all_read, name="mark_all_read"),
    path("pengaturan/", views.preferences, name="preferences"),
    path("whatsapp/", views.whatsapp, name="whatsapp"),
]
