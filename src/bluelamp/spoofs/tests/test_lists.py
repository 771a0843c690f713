"""Reading a list: every error named by line and column, and nothing read when any is wrong."""

from __future__ import annotations

import pytest

from bluelamp.spoofs.lists import ListProblems, read_list


def test_a_good_list_is_read_in_order_with_platform_words_and_handles_normalised():
    rows = read_list(
        "handle,platform,display_name,url,notes\n"
        "@WMPolice_,Twitter,West Midlands Police,https://x.com/WMPolice_,crest as avatar\n"
        "wmp.dudley.official,instagram,,,\n"
        "\n"
    )
    assert [(r.line, r.platform, r.handle) for r in rows] == [
        (2, "x", "WMPolice_"),
        (3, "instagram", "wmp.dudley.official"),
    ]
    assert rows[0].notes == "crest as avatar"


def test_every_error_is_named_by_line_and_column():
    with pytest.raises(ListProblems) as caught:
        read_list(
            "platform,handle,url\n"
            "x,good_one,\n"
            "myspace,someone,\n"
            "x,has space,\n"
            "x,fine,not-a-url\n"
            "x,GOOD_ONE,\n"
            "x,too,many,cells\n"
        )
    assert [(p["line"], p["column"]) for p in caught.value.problems] == [
        (3, "platform"),
        (4, "handle"),
        (5, "url"),
        (6, "handle"),
        (7, "-"),
    ]
    assert "line 2" in caught.value.problems[3]["message"]


@pytest.mark.parametrize(
    ("text", "column", "words"),
    [
        ("", "-", "empty"),
        ("platform,handel\nx,a\n", "handel", "Unknown column"),
        ("platform\nx\n", "handle", "missing"),
        ("platform,handle\n", "-", "no accounts"),
    ],
)
def test_a_bad_header_or_an_empty_list_is_refused(text, column, words):
    with pytest.raises(ListProblems) as caught:
        read_list(text)
    assert caught.value.problems[0]["column"] == column
    assert words in caught.value.problems[0]["message"]


def test_a_file_that_is_not_utf8_is_refused_with_its_line():
    with pytest.raises(ListProblems) as caught:
        read_list(b"platform,handle\nx,caf\xe9\n")
    assert caught.value.problems[0]["line"] == 2
