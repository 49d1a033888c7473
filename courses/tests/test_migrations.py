import importlib

import pytest
from django.apps import apps

from courses import services
from courses.factories import answer_all, build_course, correct_form_values
from courses.models import QuizAnswer, QuizAttempt, QuizPage

# Every test gets the database through the shared world's fixtures (conftest.py).

random_ids = importlib.import_module(
    "courses.migrations.0003_random_choice_ids_in_open_attempts"
)


@pytest.fixture
def quiz(portal):
    course = build_course(title="Dasar", modules=1, quiz_options={"max_attempts": 3})
    return QuizPage.objects.descendant_of(course).get()


def with_positional_ids(attempt):
    """The attempt as the code before random ids started it: ids are positions."""
    for question in attempt.snapshot:
        for position, choice in enumerate(question.get("choices", [])):
            choice["id"] = str(position)
    attempt.save(update_fields=["snapshot"])
    return attempt


class TestRandomChoiceIdsMigration:
    def test_an_open_attempt_keeps_its_answers_under_new_ids(self, quiz, operator):
        """An attempt started before the change goes on with random ids; the answers
        saved so far still point at the options chosen and grade the same."""
        attempt = with_positional_ids(
            services.start_attempt(operator=operator, quiz=quiz)
        )
        answer_all(operator, attempt)

        random_ids.randomise_open_attempts(apps, None)

        attempt.refresh_from_db()
        ids = [c["id"] for q in attempt.snapshot for c in q.get("choices", [])]
        assert ids and not set(ids) & {"0", "1", "2"}
        for answer in QuizAnswer.objects.filter(attempt=attempt):
            question = services.question_in(
                attempt=attempt, question_id=answer.question_id
            )
            assert answer.response == services.grading.clean_response(
                question, correct_form_values(question)
            )
        graded = services.submit_attempt(operator=operator, attempt=attempt)
        assert graded.score == 100

    def test_a_graded_attempt_is_left_as_it_was(self, quiz, operator):
        """A finished attempt keeps its snapshot and answers, so its result page
        still marks the options the operator chose."""
        attempt = with_positional_ids(
            services.start_attempt(operator=operator, quiz=quiz)
        )
        single = next(q for q in attempt.snapshot if q["type"] == "single")
        services.save_answer(
            operator=operator, attempt=attempt, question_id=single["id"], raw=["0"]
        )
        services.submit_attempt(operator=operator, attempt=attempt)
        before = QuizAttempt.objects.get(pk=attempt.pk).snapshot

        random_ids.randomise_open_attempts(apps, None)

        assert QuizAttempt.objects.get(pk=attempt.pk).snapshot == before
        assert QuizAnswer.objects.get(attempt=attempt).response == "0"
