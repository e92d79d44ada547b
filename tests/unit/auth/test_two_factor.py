"""Time-based codes: which codes are accepted, and what the set-up page offers."""

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pyotp
import pytest

from portal.auth import two_factor

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
NOW = datetime(2027, 1, 6, 10, 0, 15, tzinfo=UTC)


def code_at(moment: datetime) -> str:
    return pyotp.TOTP(SECRET).at(moment)


def test_new_secrets_are_160_bit_base32_and_different():
    first, second = two_factor.new_secret(), two_factor.new_secret()
    assert len(first) == 32
    assert set(first) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    assert first != second


def test_the_current_code_matches_the_current_step():
    step = pyotp.TOTP(SECRET).timecode(NOW)
    assert two_factor.matching_step(SECRET, code_at(NOW), NOW) == step


@pytest.mark.parametrize("offset_seconds", [-30, 30])
def test_codes_from_the_neighbouring_steps_are_accepted(offset_seconds):
    moment = NOW + timedelta(seconds=offset_seconds)
    assert two_factor.matching_step(SECRET, code_at(moment), NOW) == pyotp.TOTP(SECRET).timecode(moment)


@pytest.mark.parametrize("offset_seconds", [-90, 90, 3600])
def test_older_and_newer_codes_are_refused(offset_seconds):
    assert two_factor.matching_step(SECRET, code_at(NOW + timedelta(seconds=offset_seconds)), NOW) is None


@pytest.mark.parametrize("typed", ["", "12345", "1234567", "abcdef", "12 34 5", "１２３４５６"])
def test_malformed_codes_are_refused(typed):
    assert two_factor.matching_step(SECRET, typed, NOW) is None
    assert not two_factor.is_well_formed(typed)


def test_spaces_and_dashes_in_a_code_are_ignored():
    typed = code_at(NOW)
    assert two_factor.matching_step(SECRET, f"{typed[:3]} {typed[3:]}", NOW) is not None
    assert two_factor.matching_step(SECRET, f"{typed[:3]}-{typed[3:]}", NOW) is not None


def test_the_secret_is_shown_in_blocks_of_four():
    assert two_factor.grouped(SECRET) == "JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP"


def test_the_set_up_uri_names_the_service_and_account():
    uri = two_factor.set_up_uri(SECRET, "casey@anytown.example", "Children's services feedback")
    parts = urlsplit(uri)
    assert parts.scheme == "otpauth"
    assert parts.netloc == "totp"
    query = parse_qs(parts.query)
    assert query["secret"] == [SECRET]
    assert query["issuer"] == ["Children's services feedback"]
    assert "casey%40anytown.example" in parts.path
