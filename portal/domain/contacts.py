"""Email addresses and phone numbers as people type them, in a form two ways of typing the same one compare equal in.

Used to match the address someone types to follow their case with the one the case was given with (issue 12), and
to find earlier cases from the same person (domain.md section 3, repeat complainants).
"""

import enum
from dataclasses import dataclass


class ContactChannel(enum.Enum):
    EMAIL = "email"
    SMS = "sms"


@dataclass(frozen=True)
class Contact:
    """An email address or a UK phone number, in the form two ways of typing it compare equal in: an email address
    trimmed and in lower case, a phone number as its national digits (07700900982 for "+44 7700 900 982")."""

    channel: ContactChannel
    value: str


def national_phone(phone: str | None) -> str | None:
    """A UK phone number as its digits in the national form (07700900982), so differently typed numbers compare."""
    if not phone:
        return None
    digits = "".join(character for character in phone if character.isascii() and character.isdigit())
    if digits.startswith("44"):
        digits = "0" + digits[2:]
    return digits or None


def contact_of(typed: str | None) -> Contact | None:
    """The contact someone typed: an email address if it has an @, otherwise a phone number; ``None`` when it is
    neither."""
    text = (typed or "").strip()
    if "@" in text:
        return Contact(ContactChannel.EMAIL, text.lower())
    phone = national_phone(text)
    return Contact(ContactChannel.SMS, phone) if phone else None


def same_contact(typed: Contact, email: str | None, phone: str | None) -> bool:
    """Whether the typed contact is the email address or phone number a case was given with."""
    given = email if typed.channel is ContactChannel.EMAIL else phone
    found = contact_of(given) if given else None
    return found is not None and found == typed
