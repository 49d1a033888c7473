from django.urls import path

from . import card_views, views

app_name = "accounts"

urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", views.LogoutView.as_view(), name="logout"),
    path("kata-sandi/", views.password_change, name="password_change"),
    path("nama/", views.name_change, name="name_change"),
    path("kartu/<str:token>/", card_views.sign_in_card, name="sign_in_card"),
    path("email/", views.email_change, name="email_change"),
]
