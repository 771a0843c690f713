from __future__ import annotations

from django import forms

from bluelamp.acknowledgements import selectors
from bluelamp.core.forms import GovukCheckboxSelectMultiple, date_field, text_field


class AcknowledgeForm(forms.Form):
    confirm = forms.MultipleChoiceField(
        label="Your acknowledgement",
        choices=[("read", "I have read the policy and I accept it")],
        widget=GovukCheckboxSelectMultiple,
        required=False,
    )

    def clean_confirm(self):
        if "read" not in (self.cleaned_data.get("confirm") or []):
            raise forms.ValidationError("Confirm that you have read the policy and accept it")
        return True


class TrainingForm(forms.Form):
    person = forms.ModelChoiceField(
        label="Who completed it", queryset=None, required=False, empty_label="Select"
    )
    course = text_field("Course", hint="For example, Social media for officers and staff")
    completed_on = date_field("Date completed")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = selectors.subjects()
        self.fields["person"].label_from_instance = lambda user: user.label


class RemindForm(forms.Form):
    """No fields: the button alone."""
