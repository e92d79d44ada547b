"""Time-based one-time codes (TOTP, RFC 6238) from an authenticator app, the staff's second sign-in factor."""

import hmac
import re
from datetime import datetime

import pyotp

CODE_LENGTH = 6
# A code from the step before or after now is accepted too, for phones whose clocks drift by up to 30 seconds.
DRIFT_STEPS = 1
_CODE = re.compile(rf"[0-9]{{{CODE_LENGTH}}}")  # not \d, which matches digits in every script


def new_secret() -> str:
    """A random 160-bit secret in base32, the length RFC 4226 recommends."""
    return pyotp.random_base32(32)


def grouped(secret: str) -> str:
    """The secret in blocks of four, easier to read and type into an app: ABCD EFGH ..."""
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))


def set_up_uri(secret: str, account: str, issuer: str) -> str:
    """The otpauth:// address an authenticator app can take instead of the typed secret."""
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=issuer)


def normalise(code: str) -> str:
    """The code as typed, without the spaces and dashes some apps show in the middle."""
    return re.sub(r"[\s-]", "", code or "")


def is_well_formed(code: str) -> bool:
    return bool(_CODE.fullmatch(normalise(code)))


def matching_step(secret: str, code: str, now: datetime) -> int | None:
    """The time step whose code this is, within the allowed drift, or None. The step lets callers refuse replays."""
    code = normalise(code)
    if not _CODE.fullmatch(code):
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if hmac.compare_digest(code, totp.generate_otp(step)):
            return step
    return None
