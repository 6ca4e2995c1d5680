"""Form pieces the education chain's topics share."""

from django import forms

from members.organizations.models import Organization
from members.web import ActionFormMixin


class OwnedObjectForm(ActionFormMixin, forms.ModelForm):
    """An object owned by an organisation: the owner is chosen among those the user may write
    when the object is created, then fixed. Subclasses declare ``organization`` (its label)."""

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
        # The action validates the object (one copy of the rules), not the ModelForm.
        pass

    def create(self, action, *, actor):
        """Call the create action with the chosen owner and the fields; ``None`` when it
        refused (its errors are then on the form)."""
        return self.call(
            action,
            actor=actor,
            organization=self.cleaned_data["organization"],
            **self.action_fields(),
        )
