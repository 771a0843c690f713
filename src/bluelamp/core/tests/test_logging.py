"""Log lines never carry secrets."""

from __future__ import annotations

import logging

from django.conf import settings

from bluelamp.core.logging import RedactSecretsFilter, RequestIdFilter, redact


def test_the_configured_secret_key_is_masked():
    assert settings.SECRET_KEY not in redact(f"key is {settings.SECRET_KEY} here")


def test_password_and_token_pairs_are_masked():
    text = redact('password=hunter2 token: abc123 {"api_key": "k-999"} Authorization: Bearer xyz')
    for secret in ("hunter2", "abc123", "k-999", "xyz"):
        assert secret not in text
    assert "password=[masked]" in text


def test_the_password_in_a_database_url_is_masked():
    text = redact("connecting to postgres://bluelamp:s3cret@127.0.0.1:5432/bluelamp")
    assert "s3cret" not in text
    assert "postgres://bluelamp:[masked]@127.0.0.1" in text


def test_ordinary_text_is_left_alone():
    assert redact("user jo signed in from 10.0.0.1") == "user jo signed in from 10.0.0.1"


def test_the_filter_masks_arguments_and_tracebacks():
    record = logging.LogRecord("t", logging.ERROR, __file__, 1, "login %s", ("password=pw1",), None)
    try:
        raise ValueError("secret=pw2")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    RedactSecretsFilter().filter(record)
    assert "pw1" not in record.getMessage()
    assert "pw2" not in record.exc_text


def test_log_lines_carry_the_request_id_or_a_dash():
    record = logging.LogRecord("t", logging.INFO, __file__, 1, "hello", None, None)
    RequestIdFilter().filter(record)
    assert record.request_id == "-"
