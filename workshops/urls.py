from django.urls import include, path

from .views import invitations
from .views import workshops as views

app_name = "workshops"

# The screens of one workshop, below `<int:pk>/`.
workshop_patterns = [
    path("", views.detail, name="detail"),
    path("sesi/tambah/", views.add_session, name="add_session"),
    path("undang/", views.invite, name="invite"),
    path("peserta/", views.participants, name="participants"),
    path(
        "undangan/<str:desa_code>/", views.invitation_letter, name="invitation_letter"
    ),
    path("kartu-masuk/", views.sign_in_cards, name="sign_in_cards"),
    path("papan/", views.board, name="board"),
    path("berita-acara/", views.summary, name="summary"),
    path("sertifikat/", views.issue_certificates, name="issue_certificates"),
    path("sertifikat.zip", views.certificates_zip, name="certificates_zip"),
]

# The screens of one session, below `sesi/<int:pk>/`.
session_patterns = [
    path("hadir/", views.attendance, name="attendance"),
    path("qr/", views.projector, name="projector"),
    path("masuk/<str:code>/", views.check_in, name="check_in"),
    path("walk-in/", views.walk_in, name="walk_in"),
    path(
        "daftar-hadir.<str:fmt>",
        views.attendance_document,
        name="attendance_document",
    ),
]

urlpatterns = [
    path("", views.index, name="index"),
    path("baru/", views.create, name="create"),
    # The operator's own invitations; the rest of /lokakarya/ is for staff.
    path("undangan/", invitations.my_invitations, name="my_invitations"),
    path("<int:pk>/", include(workshop_patterns)),
    path("sesi/<int:pk>/", include(session_patterns)),
]
