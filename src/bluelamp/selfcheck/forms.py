from __future__ import annotations

from django import forms

from bluelamp.core.forms import text_field


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Your export or file of posts",
        required=False,
        help_text=(
            "The .zip (or its tweets.js, your_posts_1.json or posts_1.json) that X, Facebook or "
            "Instagram let you download, or a .csv or .jsonl file with a text column."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            raise forms.ValidationError("Select your export or file of posts")
        return upload


class SaveForm(forms.Form):
    title = text_field("Name for the saved report", hint="Optional")
    save_token = forms.CharField(widget=forms.HiddenInput, required=False)
