"""audit.chain on plain data: masking, canonical hashing, and naming the first fault."""

from __future__ import annotations

import datetime as dt

import pytest

from bluelamp.audit import chain

KEY = b"k" * 32
KEYS = {"k1": KEY}


def make_rows(n: int) -> list[dict]:
    rows, prev = [], chain.GENESIS_HASH
    for i in range(1, n + 1):
        row = {
            "sequence": i,
            "occurred_at": dt.datetime(2026, 3, 1, 12, 0, i, 123456, tzinfo=dt.UTC),
            "actor_id": 7,
            "actor_text": "PC 4521 Jo Bloggs (jo)",
            "action": "account.approved",
            "target_type": "social_accounts.account",
            "target_id": str(i),
            "target_label": f"@account{i}",
            "before": {"status": "pending"},
            "after": {"status": "approved", "note": "café ✓"},
            "request_id": "r" * 32,
            "prev_hash": prev,
            "key_id": "k1",
        }
        row["hash"] = chain.compute_hash(row, key=KEY)
        prev = row["hash"]
        rows.append(row)
    return rows


def head_of(rows):
    return (rows[-1]["sequence"], rows[-1]["hash"]) if rows else (0, chain.GENESIS_HASH)


@pytest.mark.parametrize(
    "key",
    [
        "password",
        "new_password",
        "api_key",
        "apiKey",
        "accessToken",
        "client_secret",
        "key",
        "vault_keys",
        "Authorization",
        "session_cookie",
        "pin",
        "otp",
        "private_key",
    ],
)
def test_secret_named_keys_are_masked(key):
    assert chain.mask_secrets({key: "s3cret"}) == {key: chain.MASK}


@pytest.mark.parametrize("key", ["handle", "keyword", "monkey", "display_name", "status", "pinned"])
def test_ordinary_keys_are_kept(key):
    assert chain.mask_secrets({key: "v"}) == {key: "v"}


def test_masking_reaches_nested_data():
    data = {"account": {"handle": "@x", "credentials": {"password": "p"}}, "list": [{"token": "t"}]}
    assert chain.mask_secrets(data) == {
        "account": {"handle": "@x", "credentials": chain.MASK},
        "list": [{"token": chain.MASK}],
    }


def test_the_hash_ignores_key_order_but_not_values():
    row = make_rows(1)[0]
    reordered = dict(reversed(list(row.items())))
    assert chain.compute_hash(reordered, key=KEY) == row["hash"]
    assert chain.compute_hash({**row, "target_label": "@other"}, key=KEY) != row["hash"]


def test_the_hash_covers_the_previous_hash():
    row = make_rows(1)[0]
    assert chain.compute_hash({**row, "prev_hash": "f" * 64}, key=KEY) != row["hash"]


def test_times_must_be_aware_and_are_hashed_in_utc():
    with pytest.raises(ValueError):
        chain.format_time(dt.datetime(2026, 1, 1))
    london = dt.timezone(dt.timedelta(hours=1))
    assert chain.format_time(dt.datetime(2026, 6, 1, 13, 0, tzinfo=london)) == (
        "2026-06-01T12:00:00.000000Z"
    )


def test_an_untouched_chain_is_intact():
    rows = make_rows(5)
    report = chain.verify(rows, *head_of(rows), keys=KEYS)
    assert report.intact
    assert (report.checked, report.last_sequence) == (5, 5)


def test_an_empty_chain_is_intact():
    assert chain.verify([], 0, chain.GENESIS_HASH, keys=KEYS).intact
    assert chain.verify([], None, None, keys=KEYS).intact


def test_an_edited_row_is_named():
    rows = make_rows(5)
    rows[2]["after"] = {"status": "refused"}
    fault = chain.verify(rows, *head_of(rows), keys=KEYS).fault
    assert (fault.kind, fault.sequence) == ("edited", 3)


def test_a_deleted_row_is_named():
    rows = make_rows(5)
    del rows[1]
    report = chain.verify(rows, 5, make_rows(5)[-1]["hash"], keys=KEYS)
    assert (report.fault.kind, report.fault.sequence) == ("deleted", 2)
    assert report.checked == 1


def test_deleted_rows_at_the_end_are_caught_by_the_head():
    rows = make_rows(5)
    fault = chain.verify(rows[:3], 5, rows[-1]["hash"], keys=KEYS).fault
    assert (fault.kind, fault.sequence) == ("deleted", 4)
    assert "sequences 4 to 5" in fault.message


def test_a_row_beyond_the_head_is_inserted():
    rows = make_rows(5)
    fault = chain.verify(rows, 4, rows[3]["hash"], keys=KEYS).fault
    assert (fault.kind, fault.sequence) == ("inserted", 5)


def test_a_row_slipped_in_with_the_rest_renumbered_is_inserted():
    rows = make_rows(4)
    forged = {**rows[1], "target_label": "@forged", "prev_hash": rows[1]["hash"]}
    forged["sequence"] = 3
    forged["hash"] = chain.compute_hash(forged, key=KEY)
    shifted = [{**row, "sequence": row["sequence"] + 1} for row in rows[2:]]
    tampered = [*rows[:2], forged, *shifted]
    fault = chain.verify(tampered, 5, shifted[-1]["hash"], keys=KEYS).fault
    assert (fault.kind, fault.sequence) == ("inserted", 3)


def test_a_row_replaced_with_a_forged_hash_breaks_the_links():
    rows = make_rows(4)
    forged = {**rows[1], "target_label": "@forged"}
    forged["hash"] = chain.compute_hash(forged, key=KEY)
    rows[1] = forged
    fault = chain.verify(rows, *head_of(rows), keys=KEYS).fault
    assert fault.kind == "inserted"
    assert fault.sequence == 3
    assert "between sequence 2 and 3" in fault.message


def test_the_last_row_rewritten_with_a_new_hash_is_caught_by_the_head():
    rows = make_rows(3)
    head = head_of(rows)
    rows[2]["target_label"] = "@forged"
    rows[2]["hash"] = chain.compute_hash(rows[2], key=KEY)
    fault = chain.verify(rows, *head, keys=KEYS).fault
    assert (fault.kind, fault.sequence) == ("edited", 3)


def test_a_missing_head_with_events_is_reported():
    fault = chain.verify(make_rows(2), None, None, keys=KEYS).fault
    assert fault.kind == "deleted"
    assert "chain head" in fault.message


def test_the_hash_needs_the_key():
    # given a row, and someone without the key recomputing its hash after editing it
    row = make_rows(1)[0]
    edited = {**row, "target_label": "@other"}
    for guess in (b"", b"x" * 32):
        edited["hash"] = chain.compute_hash(edited, key=guess)
        # then the chain calls it edited
        fault = chain.verify([edited], 1, edited["hash"], keys=KEYS).fault
        assert (fault.kind, fault.sequence) == ("edited", 1)
    # and plain sha256 (the chain before it was keyed) does not pass either
    edited["hash"] = chain.compute_unkeyed_hash(edited)
    assert chain.verify([edited], 1, edited["hash"], keys=KEYS).fault.kind == "edited"


def test_a_row_naming_a_key_not_configured_is_unverifiable():
    rows = make_rows(2)
    fault = chain.verify(rows, *head_of(rows), keys={"other": KEY}).fault
    assert (fault.kind, fault.sequence) == ("unverifiable", 1)


def test_events_signed_by_an_older_key_still_verify_after_rotation():
    rows = make_rows(2)
    newer = {**rows[1], "sequence": 3, "prev_hash": rows[1]["hash"], "key_id": "k2"}
    newer["hash"] = chain.compute_hash(newer, key=b"n" * 32)
    rows.append(newer)
    assert chain.verify(rows, 3, newer["hash"], keys={"k2": b"n" * 32, "k1": KEY}).intact
