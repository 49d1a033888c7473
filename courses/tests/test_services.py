import json
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from courses import services
from courses.factories import (
    QUESTIONS,
    answer_all,
    build_course,
    correct_form_values,
    finish_course,
    wrong_form_values,
)
from courses.models import (
    Enrollment,
    LessonPage,
    LessonProgress,
    QuizAnswer,
    QuizAttempt,
    QuizPage,
)
from courses.selectors import course_outline, course_progress
from courses.signals import course_completed

# Every test gets the database through the shared world's fixtures (conftest.py).


def quiz_of(course, n=0):
    return QuizPage.objects.descendant_of(course).order_by("path")[n]


@pytest.fixture
def course(portal):
    return build_course(title="Dasar", modules=2, lessons_per_module=2)


class TestLessonProgress:
    def test_completing_a_lesson_twice_records_it_once(self, course, operator):
        """A double tap on "done" leaves one progress row."""
        lesson = LessonPage.objects.descendant_of(course).first()
        services.complete_lesson(operator=operator, lesson=lesson)
        services.complete_lesson(operator=operator, lesson=lesson)
        assert (
            LessonProgress.objects.filter(operator=operator, lesson=lesson).count() == 1
        )

    def test_kim_course_is_closed_to_an_operator_who_is_not_kim(self, portal, operator):
        """A course for KIM members cannot be followed by other operators."""
        kim_course = build_course(title="Khusus KIM", audience="kim")
        lesson = LessonPage.objects.descendant_of(kim_course).first()
        with pytest.raises(PermissionDenied):
            services.complete_lesson(operator=operator, lesson=lesson)
        assert not LessonProgress.objects.exists()

    def test_unmet_prerequisite_blocks_progress_with_a_message(
        self, course, operator, indonesian
    ):
        """A course with an unfinished prerequisite names it and records nothing."""
        advanced = build_course(title="Lanjutan", prerequisites=[course])
        lesson = LessonPage.objects.descendant_of(advanced).first()
        with pytest.raises(services.LearningError) as error:
            services.complete_lesson(operator=operator, lesson=lesson)
        assert "Dasar" in str(error.value)
        assert not LessonProgress.objects.filter(lesson=lesson).exists()
        finish_course(operator, course)
        services.complete_lesson(operator=operator, lesson=lesson)
        assert LessonProgress.objects.filter(lesson=lesson).exists()


class TestAttempts:
    def test_starting_twice_resumes_the_open_attempt(self, course, operator):
        """At most one attempt is in progress per operator and quiz."""
        quiz = quiz_of(course)
        first = services.start_attempt(operator=operator, quiz=quiz)
        second = services.start_attempt(operator=operator, quiz=quiz)
        assert first.pk == second.pk
        assert QuizAttempt.objects.filter(operator=operator, quiz=quiz).count() == 1

    def test_maximum_attempts_is_enforced(self, portal, operator):
        """After the last allowed attempt no new one starts."""
        course = build_course(
            title="Batas", modules=1, quiz_options={"max_attempts": 2}
        )
        quiz = quiz_of(course)
        for _ in range(2):
            attempt = services.start_attempt(operator=operator, quiz=quiz)
            services.submit_attempt(operator=operator, attempt=attempt)
        with pytest.raises(services.LearningError):
            services.start_attempt(operator=operator, quiz=quiz)
        assert QuizAttempt.objects.filter(quiz=quiz).count() == 2

    def test_answers_are_saved_and_replaced_not_duplicated(self, course, operator):
        """Saving an answer again replaces it; the attempt keeps one answer per question."""
        attempt = services.start_attempt(operator=operator, quiz=quiz_of(course))
        question = attempt.snapshot[0]
        services.save_answer(
            operator=operator,
            attempt=attempt,
            question_id=question["id"],
            raw=wrong_form_values(question),
        )
        services.save_answer(
            operator=operator,
            attempt=attempt,
            question_id=question["id"],
            raw=correct_form_values(question),
        )
        answers = QuizAnswer.objects.filter(attempt=attempt)
        assert answers.count() == 1
        assert answers.get().response == correct_form_values(question)[0]

    def test_an_answer_to_another_users_attempt_is_refused(
        self, course, operator, other_operator
    ):
        """Nobody can write into someone else's attempt."""
        attempt = services.start_attempt(operator=operator, quiz=quiz_of(course))
        question = attempt.snapshot[0]
        with pytest.raises(PermissionDenied):
            services.save_answer(
                operator=other_operator,
                attempt=attempt,
                question_id=question["id"],
                raw=correct_form_values(question),
            )
        assert not QuizAnswer.objects.exists()

    def test_a_tampered_question_or_choice_is_refused(self, course, operator):
        """An unknown question id or option id changes nothing."""
        attempt = services.start_attempt(operator=operator, quiz=quiz_of(course))
        with pytest.raises(services.LearningError):
            services.save_answer(
                operator=operator,
                attempt=attempt,
                question_id="not-a-question",
                raw=["0"],
            )
        single = next(q for q in attempt.snapshot if q["type"] == "single")
        with pytest.raises(services.LearningError):
            services.save_answer(
                operator=operator, attempt=attempt, question_id=single["id"], raw=["99"]
            )
        assert not QuizAnswer.objects.exists()

    def test_submitting_twice_grades_once(self, course, operator):
        """A second submit returns the first grading unchanged."""
        attempt = services.start_attempt(operator=operator, quiz=quiz_of(course))
        answer_all(operator, attempt, correct_form_values)
        first = services.submit_attempt(operator=operator, attempt=attempt)
        second = services.submit_attempt(operator=operator, attempt=attempt)
        assert first.score == second.score == 100
        assert first.submitted_at == second.submitted_at
        with pytest.raises(services.AttemptClosed):
            services.save_answer(
                operator=operator,
                attempt=attempt,
                question_id=attempt.snapshot[0]["id"],
                raw=wrong_form_values(attempt.snapshot[0]),
            )

    @pytest.mark.parametrize("questions", [3, 8])
    def test_submit_costs_the_same_queries_for_3_or_8_questions(
        self, portal, operator, questions, django_assert_num_queries
    ):
        """Grading writes every answer's score at once: a quiz of 8 questions
        costs what one of 3 costs, and each answer keeps its own score."""
        pool = [*QUESTIONS, *QUESTIONS][:questions]
        course = build_course(
            title=f"Soal {questions}",
            modules=2,
            questions=pool,
            quiz_options={"pass_mark": 50},
        )
        attempt = services.start_attempt(operator=operator, quiz=quiz_of(course))
        answer_all(operator, attempt, correct_form_values)
        wrong = attempt.snapshot[0]
        services.save_answer(
            operator=operator,
            attempt=attempt,
            question_id=wrong["id"],
            raw=wrong_form_values(wrong),
        )
        # Lock, answers, one UPDATE of the scores, the attempt; then, as the
        # attempt passed, the course completion check (the other module is not
        # done) and the look-up of renewal rounds asking for the quiz.
        with django_assert_num_queries(15):
            graded = services.submit_attempt(operator=operator, attempt=attempt)
        scores = dict(graded.answers.values_list("question_id", "score"))
        assert scores[wrong["id"]] == 0
        assert sorted(scores.values())[1:] == [1] * (questions - 1)
        assert float(graded.score) == round(100 * (questions - 1) / questions, 2)

    def test_a_timed_out_attempt_is_graded_with_what_was_saved(self, portal, operator):
        """Answers saved before the deadline count; a late answer is refused."""
        course = build_course(
            title="Berwaktu", modules=1, quiz_options={"time_limit_minutes": 5}
        )
        attempt = services.start_attempt(operator=operator, quiz=quiz_of(course))
        first, second = attempt.snapshot[0], attempt.snapshot[1]
        services.save_answer(
            operator=operator,
            attempt=attempt,
            question_id=first["id"],
            raw=correct_form_values(first),
        )
        QuizAttempt.objects.filter(pk=attempt.pk).update(
            deadline=timezone.now() - timedelta(seconds=1)
        )
        attempt.refresh_from_db()
        with pytest.raises(services.AttemptClosed):
            services.save_answer(
                operator=operator,
                attempt=attempt,
                question_id=second["id"],
                raw=correct_form_values(second),
            )
        attempt.refresh_from_db()
        assert attempt.status == QuizAttempt.Status.GRADED
        assert attempt.timed_out
        assert attempt.score == 25  # one of four questions

    def test_editing_the_quiz_later_does_not_change_past_results(
        self, course, operator
    ):
        """An attempt is graded against the questions it started with."""
        quiz = quiz_of(course)
        attempt = services.start_attempt(operator=operator, quiz=quiz)
        answer_all(operator, attempt, correct_form_values)
        quiz.questions = json.dumps(
            [{"type": "true_false", "value": {"question": "Baru?", "answer": True}}]
        )
        quiz.save()
        graded = services.submit_attempt(operator=operator, attempt=attempt)
        assert graded.score == 100
        assert len(graded.snapshot) == 4

    def test_draws_the_configured_number_of_questions(self, portal, operator):
        """A quiz that draws N questions from its pool gives each attempt N."""
        course = build_course(
            title="Acak",
            modules=1,
            quiz_options={"questions_per_attempt": 2, "shuffle_choices": True},
        )
        attempt = services.start_attempt(operator=operator, quiz=quiz_of(course))
        assert len(attempt.snapshot) == 2

    def test_last_attempt_grading_can_unpass_a_quiz(self, portal, operator):
        """With "last attempt" grading a failed retry means the quiz is not passed."""
        course = build_course(
            title="Terakhir",
            modules=1,
            quiz_options={"grading": "last", "pass_mark": 100},
        )
        quiz = quiz_of(course)
        attempt = services.start_attempt(operator=operator, quiz=quiz)
        answer_all(operator, attempt, correct_form_values)
        services.submit_attempt(operator=operator, attempt=attempt)
        assert course_progress(operator, course_outline(course)).quiz_passed(quiz)
        attempt = services.start_attempt(operator=operator, quiz=quiz)
        services.submit_attempt(operator=operator, attempt=attempt)
        assert not course_progress(operator, course_outline(course)).quiz_passed(quiz)


class TestCourseCompletion:
    def test_completion_event_fires_once_when_requirements_are_met(
        self, course, operator, request
    ):
        """The `course_completed` signal is sent exactly once, after the last requirement."""
        calls = []

        def receiver(sender, signal, **kwargs):
            calls.append(kwargs)

        course_completed.connect(receiver, weak=False)
        request.addfinalizer(lambda: course_completed.disconnect(receiver))
        outline = course_outline(course)
        for lesson in outline.lessons:
            services.complete_lesson(operator=operator, lesson=lesson)
        assert calls == []
        finish_course(operator, course)
        assert calls == [{"operator": operator, "course": course}]
        assert not services.complete_course(operator=operator, course=course)
        assert len(calls) == 1
        assert Enrollment.objects.get(operator=operator, course=course).completed_at

    def test_failed_quiz_keeps_the_course_open(self, course, operator):
        """All lessons done but a quiz failed: the course is not complete."""
        outline = course_outline(course)
        for lesson in outline.lessons:
            services.complete_lesson(operator=operator, lesson=lesson)
        for quiz in outline.quizzes:
            attempt = services.start_attempt(operator=operator, quiz=quiz)
            answer_all(operator, attempt, wrong_form_values)
            services.submit_attempt(operator=operator, attempt=attempt)
        assert (
            Enrollment.objects.get(operator=operator, course=course).completed_at
            is None
        )
