"""Pure grading of quiz answers against an attempt's snapshot (no database)."""

import random
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

TYPES = ("single", "multiple", "true_false", "short_text")


def normalize_text(value):
    """Lower case, accents and dots removed, other punctuation as spaces, folded."""
    value = unicodedata.normalize("NFKD", str(value or ""))
    value = "".join(c for c in value if not unicodedata.combining(c)).casefold()
    value = re.sub(r"[.'’`]", "", value)  # K.I.M. is KIM
    value = re.sub(r"[^\w\s]", " ", value)
    return " ".join(value.split())


def choice_ids(count, rng):
    """Random option ids, distinct within a question.

    The browser sees these as the values of the options, so they must tell nothing
    about which option is correct or where the author wrote it: positions did (the
    correct option is often written first).
    """
    ids = []
    while len(ids) < count:
        choice_id = f"{rng.getrandbits(32):08x}"
        if choice_id not in ids:
            ids.append(choice_id)
    return ids


def snapshot_questions(quiz, rng=None):
    """Freeze the quiz's questions for one attempt: draw, shuffle, give the options
    random ids and keep the answers."""
    rng = rng or random.SystemRandom()
    questions = []
    for block in quiz.questions:
        value = block.value
        item = {
            "id": block.id,
            "type": block.block_type,
            "question": value["question"],
            "explanation": value.get("explanation") or "",
        }
        if block.block_type in ("single", "multiple"):
            ids = choice_ids(len(value["choices"]), rng)
            choices = [
                {
                    "id": choice_id,
                    "text": choice["text"],
                    "correct": bool(choice["correct"]),
                }
                for choice_id, choice in zip(ids, value["choices"], strict=True)
            ]
            if quiz.shuffle_choices:
                rng.shuffle(choices)
            item["choices"] = choices
            if block.block_type == "multiple":
                item["scoring"] = value.get("scoring") or "all_or_nothing"
        elif block.block_type == "true_false":
            item["answer"] = bool(value["answer"])
        elif block.block_type == "short_text":
            item["accepted"] = [a for a in value["accepted"] if a]
        questions.append(item)
    if quiz.questions_per_attempt and quiz.questions_per_attempt < len(questions):
        questions = rng.sample(questions, quiz.questions_per_attempt)
        if not quiz.shuffle_questions:
            order = {block.id: i for i, block in enumerate(quiz.questions)}
            questions.sort(key=lambda q: order[q["id"]])
    elif quiz.shuffle_questions:
        rng.shuffle(questions)
    return questions


class InvalidResponse(ValueError):
    """Form values that are no answer to the question."""


class UnstorableText(InvalidResponse):
    """A typed answer holding a NUL character, which PostgreSQL cannot store."""


def clean_response(question, raw):
    """Turn submitted form values (a list of strings) into a stored response."""
    values = [v for v in (raw or []) if v != ""]
    kind = question["type"]
    if kind == "single":
        ids = {c["id"] for c in question["choices"]}
        if len(values) != 1 or values[0] not in ids:
            raise InvalidResponse
        return values[0]
    if kind == "multiple":
        ids = {c["id"] for c in question["choices"]}
        if not values or not set(values) <= ids:
            raise InvalidResponse
        return sorted(set(values))
    if kind == "true_false":
        if len(values) != 1 or values[0] not in ("true", "false"):
            raise InvalidResponse
        return values[0] == "true"
    if kind == "short_text":
        if len(values) != 1 or len(values[0]) > 500:
            raise InvalidResponse
        if "\x00" in values[0]:
            raise UnstorableText
        return values[0].strip()
    raise InvalidResponse


def score_question(question, response):
    """A score from 0 to 1 for one answer; no answer scores 0."""
    if response is None:
        return Decimal(0)
    kind = question["type"]
    if kind == "single":
        correct = {c["id"] for c in question["choices"] if c["correct"]}
        return Decimal(1) if response in correct else Decimal(0)
    if kind == "true_false":
        return Decimal(1) if response is question["answer"] else Decimal(0)
    if kind == "short_text":
        accepted = {normalize_text(a) for a in question["accepted"]}
        return Decimal(1) if normalize_text(response) in accepted else Decimal(0)
    if kind == "multiple":
        correct = {c["id"] for c in question["choices"] if c["correct"]}
        chosen = set(response)
        if question.get("scoring") == "partial":
            # Each right pick earns a share; each wrong pick takes one back; never below 0.
            hits = len(chosen & correct)
            wrong = len(chosen - correct)
            return max(Decimal(0), Decimal(hits - wrong) / Decimal(len(correct)))
        return Decimal(1) if chosen == correct else Decimal(0)
    return Decimal(0)


def percent(total, count):
    if not count:
        return Decimal(0)
    return (Decimal(100) * total / count).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
