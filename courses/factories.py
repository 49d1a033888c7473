"""Build course trees and learners' progress for tests, benchmarks and the demo."""

import json

from wagtail.models import Site

from courses import services
from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage, QuizPage
from courses.selectors import course_outline

QUESTIONS = [
    {
        "type": "single",
        "value": {
            "question": "Siapa yang menyetujui tulisan sebelum terbit?",
            "explanation": "Moderator kecamatan atau Diskominfo.",
            "choices": [
                {"text": "Moderator", "correct": True},
                {"text": "Tetangga", "correct": False},
                {"text": "Tidak ada", "correct": False},
            ],
        },
    },
    {
        "type": "multiple",
        "value": {
            "question": "Mana yang termasuk potensi desa?",
            "explanation": "Ekonomi, wisata dan produk unggulan.",
            "scoring": "partial",
            "choices": [
                {"text": "Wisata pantai", "correct": True},
                {"text": "Kerajinan anyaman", "correct": True},
                {"text": "Nomor NIK warga", "correct": False},
            ],
        },
    },
    {
        "type": "true_false",
        "value": {
            "question": "Kata sandi boleh dibagikan di grup WhatsApp.",
            "explanation": "Jangan pernah.",
            "answer": False,
        },
    },
    {
        "type": "short_text",
        "value": {
            "question": "Singkatan Kelompok Informasi Masyarakat?",
            "explanation": "KIM.",
            "accepted": ["KIM", "K.I.M."],
        },
    },
]


def get_index(**fields):
    """The course index, created under the home page with `fields` if missing."""
    index = CourseIndexPage.objects.first()
    if index is None:
        index = CourseIndexPage(title="Belajar", slug="belajar", **fields)
        Site.objects.get(is_default_site=True).root_page.add_child(instance=index)
    return index


def build_course_tree(outline, *, index=None):
    """A live course under `index` (by default the course index) built from
    `outline`: the course's fields plus "tags" and "modules"; each module's fields
    plus "lessons" and "quiz"; lesson bodies and quiz questions in StreamField's raw
    form, a list of {"type", "value"}. The shape of the demo course in courses/demo/.
    """
    fields = dict(outline)
    modules, tags = fields.pop("modules"), fields.pop("tags", [])
    course = CoursePage(**fields)
    course.tags.add(*tags)  # modelcluster keeps them until the page is saved
    (index or get_index()).add_child(instance=course)
    for module_fields in modules:
        module_fields = dict(module_fields)
        lessons, quiz = module_fields.pop("lessons"), module_fields.pop("quiz", None)
        module = ModulePage(**module_fields)
        course.add_child(instance=module)
        for lesson in lessons:
            body = json.dumps(lesson.get("body", []))
            module.add_child(instance=LessonPage(**{**lesson, "body": body}))
        if quiz is not None:
            questions = json.dumps(quiz.get("questions", []))
            module.add_child(instance=QuizPage(**{**quiz, "questions": questions}))
    return course


LESSON_BODY = [
    {"type": "text", "value": "<p>Isi pelajaran.</p>"},
    {"type": "tip", "value": {"title": "Tips", "text": "<p>Simpan draf.</p>"}},
    {"type": "checklist", "value": {"title": "Periksa", "items": ["Judul", "Foto"]}},
]


def build_course(
    *,
    title="Kursus Uji",
    modules=2,
    lessons_per_module=2,
    questions=None,
    quiz_options=None,
    prerequisites=(),
    **fields,
):
    """A live course of `modules` modules, each with `lessons_per_module` lessons and
    a quiz of `questions` (four of every kind by default). `fields` are the course
    page's own, e.g. audience="kim" or grants_publishing_rights=True."""
    outline = {
        "title": title,
        "slug": title.lower().replace(" ", "-"),
        "summary": f"Ringkasan {title}.",
        **fields,
        "modules": [
            {
                "title": f"Modul {m}",
                "slug": f"modul-{m}",
                "lessons": [
                    {
                        "title": f"Pelajaran {m}.{n}",
                        "slug": f"pelajaran-{n}",
                        "body": LESSON_BODY,
                    }
                    for n in range(1, lessons_per_module + 1)
                ],
                "quiz": {
                    "title": f"Kuis {m}",
                    "slug": "kuis",
                    "questions": QUESTIONS if questions is None else questions,
                    **(quiz_options or {}),
                },
            }
            for m in range(1, modules + 1)
        ],
    }
    course = build_course_tree(outline)
    if prerequisites:
        course.prerequisites.set(prerequisites)
        course.save()
    return course


def finish_course(operator, course, *, modules=None):
    """Every lesson done and every quiz passed (in the first `modules` modules only,
    if given), module by module through the learning services, as the operator
    would. A quiz the operator has passed already is not taken again."""
    outline = course_outline(course)
    for module in outline.modules[:modules]:
        for lesson in module.lessons:
            services.complete_lesson(operator=operator, lesson=lesson, course=course)
        if (
            module.quiz is None
            or module.quiz.attempts.filter(operator=operator, passed=True).exists()
        ):
            continue
        attempt = services.start_attempt(operator=operator, quiz=module.quiz)
        answer_all(operator, attempt)
        services.submit_attempt(operator=operator, attempt=attempt)


def correct_form_values(question):
    """The form values of a learner who knows the answer."""
    kind = question["type"]
    if kind in ("single", "multiple"):
        return [c["id"] for c in question["choices"] if c["correct"]]
    if kind == "true_false":
        return ["true" if question["answer"] else "false"]
    return [question["accepted"][0]]


def wrong_form_values(question):
    """The form values of a learner who gets the question wrong."""
    kind = question["type"]
    if kind in ("single", "multiple"):
        return [next(c["id"] for c in question["choices"] if not c["correct"])]
    if kind == "true_false":
        return ["false" if question["answer"] else "true"]
    return ["jawaban salah"]


def answer_all(operator, attempt, values=correct_form_values):
    """Save `values(question)`, by default the correct answer, for every question
    of the attempt."""
    for question in attempt.snapshot:
        services.save_answer(
            operator=operator,
            attempt=attempt,
            question_id=question["id"],
            raw=values(question),
        )
