from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("saya/", views.my_courses_view, name="my_courses"),
    path("progres/", views.progress_table, name="progress_table"),
    path("<int:course_id>/lanjutkan/", views.continue_course, name="continue"),
    path("<int:course_id>/offline.json", views.course_offline, name="offline"),
    path("<int:course_id>/perbarui/", views.start_renewal, name="start_renewal"),
    path("pembaruan/<int:renewal_id>/", views.renewal, name="renewal"),
    path(
        "pelajaran/<int:lesson_id>/selesai/",
        views.complete_lesson,
        name="complete_lesson",
    ),
    path("kuis/<int:quiz_id>/mulai/", views.start_quiz, name="start_quiz"),
    path(
        "kuis/<int:quiz_id>/operator/<int:user_id>/tambah-kesempatan/",
        views.grant_extra_attempt,
        name="grant_extra_attempt",
    ),
    path(
        "percobaan/<int:attempt_id>/soal/<int:number>/", views.question, name="question"
    ),
    path("percobaan/<int:attempt_id>/periksa/", views.review, name="review"),
    path("percobaan/<int:attempt_id>/hasil/", views.result, name="result"),
]
