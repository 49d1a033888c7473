"""Meja Tulis: where operators write their desa's pages, on the site."""

from django.urls import path

from . import views

app_name = "meja"

urlpatterns = [
    path("", views.index, name="index"),
    path("tulis/<slug:kind>/", views.create, name="create"),
    path("<int:page_id>/", views.edit, name="edit"),
    path("<int:page_id>/pratinjau/", views.preview, name="preview"),
    path("<int:page_id>/tarik/", views.withdraw, name="withdraw"),
    path("<int:page_id>/turunkan/", views.unpublish, name="unpublish"),
    path("<int:page_id>/hapus/", views.delete, name="delete"),
]
