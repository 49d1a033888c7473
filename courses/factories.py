"""Build course trees for tests and benchmarks."""

import json

from wagtail.models import Site

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage, QuizPage

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


def get_index():
    index = CourseIndexPage.objects.first()
    if index is None:
        index = CourseIndexPage(title="Belajar", slug="belajar")
        Site.objects.get(is_default_site=True).root_page.add_child(instance=index)
    return index


def build_course(
    *,
    title="Kursus Uji",
    modules=2,
    lessons_per_module=2,
    questions=None,
    audience="operator",
    quiz_options=None,
    prerequisites=(),
    owner_kabupaten=None,
):
    """A live course with modules, lessons and one quiz per module.

    Shared by every kabupaten unless `owner_kabupaten` (a Region) owns it."""
    index = get_index()
    slug = title.lower().replace(" ", "-")
    course = CoursePage(
        title=title,
        slug=slug,
        summary=f"Ringkasan {title}.",
        audience=audience,
        owner_kabupaten=owner_kabupaten,
    )
    index.add_child(instance=course)
    if prerequisites:
        course.prerequisites.set(prerequisites)
        course.save()
    body = json.dumps(
        [
            {"type": "text", "value": "<p>Isi pelajaran.</p>"},
            {"type": "tip", "value": {"title": "Tips", "text": "<p>Simpan draf.</p>"}},
            {
                "type": "checklist",
                "value": {"title": "Periksa", "items": ["Judul", "Foto"]},
            },
        ]
    )
    for m in range(1, modules + 1):
        module = ModulePage(title=f"Modul {m}", slug=f"modul-{m}")
        course.add_child(instance=module)
        for n in range(1, lessons_per_module + 1):
            module.add_child(
                instance=LessonPage(
                    title=f"Pelajaran {m}.{n}", slug=f"pelajaran-{n}", body=body
                )
            )
        module.add_child(
            instance=QuizPage(
                title=f"Kuis {m}",
                slug="kuis",
                questions=json.dumps(questions if questions is not None else QUESTIONS),
                **(quiz_options or {}),
            )
        )
    return course


def correct_form_values(question):
    kind = question["type"]
    if kind in ("single", "multiple"):
        return [c["id"] for c in question["choices"] if c["correct"]]
    if kind == "true_false":
        return ["true" if question["answer"] else "false"]
    return [question["accepted"][0]]


def wrong_form_values(question):
    kind = question["type"]
    if kind in ("single", "multiple"):
        return [next(c["id"] for c in question["choices"] if not c["correct"])]
    if kind == "true_false":
        return ["false" if question["answer"] else "true"]
    return ["jawaban salah"]
