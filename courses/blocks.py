"""StreamField blocks for lessons and quiz questions."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False)
    alt = blocks.CharBlock(
        label=_("text alternative"),
        required=False,
        help_text=_("What the image shows, for people who cannot see it."),
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


class VideoBlock(blocks.StructBlock):
    """A link to a video with its transcript; nothing is loaded until the user asks."""

    url = blocks.URLBlock(label=_("video address (URL)"))
    title = blocks.CharBlock(label=_("title"))
    duration = blocks.CharBlock(
        label=_("duration"), required=False, help_text=_("e.g. 4 menit")
    )
    transcript = blocks.RichTextBlock(
        label=_("text alternative"),
        features=["bold", "italic", "ol", "ul"],
        help_text=_(
            "The transcript or a summary, for slow connections and deaf users."
        ),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    label = blocks.CharBlock(label=_("link text"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Downloadable document")
        template = "blocks/document_block.html"


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False)
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link"])

    class Meta:
        template = "blocks/callout_block.html"
        kind = "tip"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["kind"] = self.meta.kind
        return context


class TipBlock(CalloutBlock):
    class Meta:
        icon = "help"
        label = _("Tip")
        kind = "tip"


class WarningBlock(CalloutBlock):
    class Meta:
        icon = "warning"
        label = _("Warning")
        kind = "warning"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("step"))
    text = blocks.RichTextBlock(
        label=_("explanation"), features=["bold", "italic", "link"], required=False
    )
    screenshot = ImageChooserBlock(label=_("screenshot"), required=False)


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False)
    steps = blocks.ListBlock(StepBlock(), label=_("steps"))

    class Meta:
        icon = "list-ol"
        label = _("Step-by-step instructions")
        template = "blocks/steps_block.html"


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False)
    items = blocks.ListBlock(blocks.CharBlock(label=_("item")), label=_("items"))

    class Meta:
        icon = "tasks"
        label = _("Checklist")
        template = "blocks/checklist_block.html"


class LessonBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        label=_("Text"), features=["h2", "h3", "bold", "italic", "ol", "ul", "link"]
    )
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    tip = TipBlock()
    warning = WarningBlock()
    steps = StepsBlock()
    checklist = ChecklistBlock()


# Quiz questions -----------------------------------------------------------------


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("answer option"))
    correct = blocks.BooleanBlock(label=_("correct"), required=False)


class QuestionBase(blocks.StructBlock):
    question = blocks.TextBlock(label=_("question"))
    explanation = blocks.TextBlock(
        label=_("explanation"),
        required=False,
        help_text=_("Shown when answers are reviewed."),
    )


class SingleChoiceBlock(QuestionBase):
    choices = blocks.ListBlock(ChoiceBlock(), label=_("options"), min_num=2)

    class Meta:
        icon = "radio-full"
        label = _("Single choice")


class MultipleChoiceBlock(QuestionBase):
    class Scoring:
        ALL_OR_NOTHING = "all_or_nothing"
        PARTIAL = "partial"

    choices = blocks.ListBlock(ChoiceBlock(), label=_("options"), min_num=2)
    scoring = blocks.ChoiceBlock(
        label=_("scoring"),
        choices=[
            (Scoring.ALL_OR_NOTHING, _("All or nothing")),
            (Scoring.PARTIAL, _("Partial credit")),
        ],
        default=Scoring.ALL_OR_NOTHING,
    )

    class Meta:
        icon = "list-ul"
        label = _("Multiple choice")


class TrueFalseBlock(QuestionBase):
    answer = blocks.BooleanBlock(label=_("the statement is true"), required=False)

    class Meta:
        icon = "tick"
        label = _("True/false")


class ShortTextBlock(QuestionBase):
    accepted = blocks.ListBlock(
        blocks.CharBlock(label=_("accepted answer")),
        label=_("accepted answers"),
        min_num=1,
        help_text=_("Compared ignoring case, accents, extra spaces and punctuation."),
    )

    class Meta:
        icon = "edit"
        label = _("Short text answer")


class QuestionsBlock(blocks.StreamBlock):
    single = SingleChoiceBlock()
    multiple = MultipleChoiceBlock()
    true_false = TrueFalseBlock()
    short_text = ShortTextBlock()
