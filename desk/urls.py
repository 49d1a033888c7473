"""URLs of the consultation desk (pendampingan), mounted at /pendampingan/."""

from django.urls import path

from . import views

app_name = "desk"

urlpatterns = [
    path("", views.index, name="index"),
    path("tanya/", views.open_request, name="open"),
    path("antrian/", views.queue, name="queue"),
    path("<int:pk>/", views.thread, name="thread"),
    path("<int:pk>/tutup/", views.close, name="close"),
    path("gambar/<int:pk>/", views.screenshot, name="screenshot"),
]
