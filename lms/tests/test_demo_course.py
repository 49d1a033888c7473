"""The starter course that `load_demo` builds from the JSON files in courses/demo/."""

from courses.models import ModulePage, QuizPage
from lms.management.commands.load_demo import Command as LoadDemo
from lms.management.commands.load_demo import read_demo_course


def test_the_starter_course_holds_every_module_file_in_order(db):
    """Each module file course.json names becomes a module with its lessons and
    quiz, in the order listed."""
    outline = read_demo_course()
    course = LoadDemo().make_course()
    modules = ModulePage.objects.child_of(course).order_by("path")
    assert [m.title for m in modules] == [m["title"] for m in outline["modules"]]
    for module, data in zip(modules, outline["modules"], strict=True):
        titles = [p.title for p in module.get_children().order_by("path")]
        assert titles == [
            *(lesson["title"] for lesson in data["lessons"]),
            data["quiz"]["title"],
        ]


def test_every_page_of_the_starter_course_passes_the_admins_checks(db):
    """The files hold only what an editor could save in the admin."""
    course = LoadDemo().make_course()
    for page in course.get_descendants(inclusive=True).specific():
        page.full_clean()
        for field in ("body", "questions"):
            if hasattr(page, field):
                stream = getattr(page, field)
                stream.stream_block.clean(stream)


def test_every_quiz_of_the_starter_course_shuffles_its_options(db):
    """Nobody sees the correct option first because the file lists it first."""
    course = LoadDemo().make_course()
    assert all(q.shuffle_choices for q in QuizPage.objects.descendant_of(course))
