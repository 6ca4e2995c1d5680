"""Forms of lessons; each hands its cleaned data to an action."""

from django import forms
from django.utils.translation import gettext_lazy as _

from education.audience import AudienceForm
from education.forms import OwnedObjectForm
from education.lessons.actions import LESSON_FIELDS
from education.lessons.models import Lesson
from members.organizations.models import Organization
from members.uploads import picture_check
from members.web import ActionFormMixin


class LessonForm(OwnedObjectForm):
    """A draft lesson; the publishing organisation is chosen when it is created, then fixed."""

    organization = forms.ModelChoiceField(
        label=_("Published by"), queryset=Organization.objects.none(), required=False
    )
    video_url = forms.URLField(
        label=_("Video or external link"), required=False, assume_scheme="https"
    )

    class Meta:
        model = Lesson
        fields = ["title", "body", "image", "video_url", "hours"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}

    def clean_image(self):
        picture_check(self.cleaned_data["image"])
        return self.cleaned_data["image"]

    def action_fields(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in LESSON_FIELDS}
        if not fields["image"]:  # nothing chosen: keep the picture it has
            fields.pop("image")
        return fields


class AttachmentForm(ActionFormMixin, forms.Form):
    file = forms.FileField(label=_("Attachment"))


class PublishForm(ActionFormMixin, AudienceForm):
    """To whom: an organisation in the writer's scope and whether only its mobile members."""
