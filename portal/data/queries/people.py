"""Conditions that find people by the email address or phone number they gave, however they typed it."""

from sqlalchemy import ColumnElement, func, or_

from portal.data.models import Person

# Characters people put in phone numbers that do not change the number.
_PHONE_PUNCTUATION = (" ", "-", "(", ")", ".", "+")


def has_email(email: str) -> ColumnElement[bool]:
    """The person gave this email address, in any mix of upper and lower case."""
    return func.lower(func.trim(Person.email)) == email.strip().lower()


def has_phone(national: str) -> ColumnElement[bool]:
    """The person gave this phone number (in its national digits, `portal.domain.contacts.national_phone`), typed
    with or without spaces, dashes, brackets or the +44 prefix."""
    digits = Person.phone
    for character in _PHONE_PUNCTUATION:
        digits = func.replace(digits, character, "")
    international = "44" + national[1:] if national.startswith("0") else national
    return or_(digits == national, digits == international)
