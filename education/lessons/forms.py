"""Forms of lessons; each hands its cleaned data to an action."""

from django import forms
from django.utils.translation import gettext_lazy as _

from education.audience import AudienceForm
from education.lessons.actions import LESSON_FIELDS
from education.lessons.models import Lesson
from members.organizations.models import Organization
from members.web import ActionFormMixin


class LessonForm(ActionFormMixin, forms.ModelForm):
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

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["organization"]
        else:
            self.fields["organization"].required = True
            self.fields["organization"].queryset = Organization.objects.visible_to(
                user, for_write=True
            )
            self.order_fields(["organization"])

    def _post_clean(self):
        # The action validates the lesson (one copy of the rules), not the ModelForm.
        pass

    def action_fields(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in LESSON_FIELDS}
        if not fields["image"]:  # nothing chosen: keep the picture it has
            fields.pop("image")
        return fields


class AttachmentForm(ActionFormMixin, forms.Form):
    file = forms.FileField(label=_("Attachment"))


class PublishForm(ActionFormMixin, AudienceForm):
    """To whom: an organisation in the writer's scope and whether only its mobile members."""
