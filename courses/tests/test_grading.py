from decimal import Decimal

import pytest

from courses.grading import (
    InvalidResponse,
    clean_response,
    normalize_text,
    score_question,
)

MULTIPLE = {
    "type": "multiple",
    "scoring": "partial",
    "choices": [
        {"id": "0", "correct": True},
        {"id": "1", "correct": True},
        {"id": "2", "correct": False},
    ],
}


class TestGrading:
    def test_short_text_ignores_case_accents_spaces_and_punctuation(self):
        """ "  k.i.m " is accepted for "KIM"; "Désa" matches "desa"."""
        question = {"type": "short_text", "accepted": ["KIM", "desa wisata"]}
        assert score_question(question, "  k.i.m ") == 1
        assert score_question(question, " kim ") == 1
        assert score_question(question, "Désa  Wisata!") == 1
        assert normalize_text("Désa  Wisata!") == "desa wisata"

    def test_partial_credit_counts_right_picks_minus_wrong_ones(self):
        """Partial credit: one of two right = half; a wrong pick takes a share back."""
        assert score_question(MULTIPLE, ["0"]) == Decimal("0.5")
        assert score_question(MULTIPLE, ["0", "1"]) == 1
        assert score_question(MULTIPLE, ["0", "2"]) == 0
        assert score_question({**MULTIPLE, "scoring": "all_or_nothing"}, ["0"]) == 0

    def test_unknown_options_are_invalid(self):
        """A tampered option id is rejected before anything is stored."""
        with pytest.raises(InvalidResponse):
            clean_response(MULTIPLE, ["0", "7"])
        with pytest.raises(InvalidResponse):
            clean_response({"type": "true_false"}, ["maybe"])
