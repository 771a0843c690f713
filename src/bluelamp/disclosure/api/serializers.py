"""The export's query parameters. Every value is taken as given: the service
(``disclosure.selectors.export_filters``) is the one judge, so the API, the page and the command
line refuse with the same words, naming the field."""

from __future__ import annotations

from rest_framework import serializers


class ExportQuerySerializer(serializers.Serializer):
    account = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        help_text="The account as PLATFORM:HANDLE, e.g. `x:WMPDudley`. An account or `search` "
        "(or both) must be given.",
    )
    search = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        help_text="Words every post's text must hold (in part, ignoring case).",
    )
    date_from = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="The first day published, `YYYY-MM-DD` (UK time). Required.",
    )
    date_to = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="The last day published, `YYYY-MM-DD` (UK time, included). Required.",
    )
    format = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="`csv`, `json` or `pdf`. Required. A PDF holds at most 1,000 posts.",
    )
