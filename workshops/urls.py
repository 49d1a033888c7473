from django.urls import path

from .views import workshops as views

app_name = "workshops"

urlpatterns = [
    path("", views.index, name="index"),
    path("baru/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/sesi/tambah/", views.add_session, name="add_session"),
    path("<int:pk>/undang/", views.invite, name="invite"),
    path("<int:pk>/peserta/", views.participants, name="participants"),
    path(
        "<int:pk>/undangan/<str:desa_code>/",
        views.invitation_letter,
        name="invitation_letter",
    ),
    path("<int:pk>/papan/", views.board, name="board"),
    path("<int:pk>/berita-acara/", views.summary, name="summary"),
    path("<int:pk>/sertifikat/", views.issue_certificates, name="issue_certificates"),
    path("<int:pk>/sertifikat.zip", views.certificates_zip, name="certificates_zip"),
    path("sesi/<int:pk>/hadir/", views.attendance, name="attendance"),
    path("sesi/<int:pk>/qr/", views.projector, name="projector"),
    path("sesi/<int:pk>/masuk/<str:code>/", views.check_in, name="check_in"),
    path("sesi/<int:pk>/walk-in/", views.walk_in, name="walk_in"),
    path(
        "sesi/<int:pk>/daftar-hadir.<str:fmt>",
        views.attendance_document,
        name="attendance_document",
    ),
]
