"""Give the options of open attempts random ids instead of their authored positions.

Attempts started before this change sent the options' positions to the browser
("0" is the option written first, often the correct one). Graded attempts keep
their ids: nothing of them is answered any more, and their answers match them.
"""

import random

from django.db import migrations


def _new_ids(count, rng):
    ids = []
    while len(ids) < count:
        choice_id = f"{rng.getrandbits(32):08x}"
        if choice_id not in ids:
            ids.append(choice_id)
    return ids


def randomise_open_attempts(apps, schema_editor):
    QuizAttempt = apps.get_model("courses", "QuizAttempt")
    rng = random.SystemRandom()
    open_attempts = QuizAttempt.objects.filter(status="in_progress")
    for attempt in open_attempts.iterator(chunk_size=500):
        renamed = {}  # question id -> {old option id: new option id}
        for question in attempt.snapshot:
            choices = question.get("choices")
            if not choices:
                continue
            mapping = dict(
                zip(
                    (c["id"] for c in choices),
                    _new_ids(len(choices), rng),
                    strict=True,
                )
            )
            for choice in choices:
                choice["id"] = mapping[choice["id"]]
            renamed[question["id"]] = mapping
        if not renamed:
            continue
        attempt.save(update_fields=["snapshot"])
        for answer in attempt.answers.filter(question_id__in=renamed):
            mapping = renamed[answer.question_id]
            if isinstance(answer.response, list):
                answer.response = sorted(mapping.get(r, r) for r in answer.response)
            else:
                answer.response = mapping.get(answer.response, answer.response)
            answer.save(update_fields=["response"])


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0002_course_grants_publishing_rights"),
    ]

    operations = [
        migrations.RunPython(randomise_open_attempts, migrations.RunPython.noop),
    ]
