"""Placeholders in message and letter templates: `{reference}` is replaced by the case's reference.

A template may contain only text and plain placeholders ("problem" says so otherwise), so it means the same to this
preview (str.format_map) and to casework's sender (portal.notifications.message_templates.fill_placeholders).

Pure functions. `render` never raises, whatever it is given, so a preview can never break the page: placeholders it
does not know are left visible as typed, and so is anything in curly brackets that is not a plain placeholder
(a format spec such as `{name:>99999}` could otherwise build a huge string, and `{0}` or `{name.attr}` would raise).
"""

import re
import string
from collections.abc import Mapping

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FORMATTER = string.Formatter()

EXAMPLE = "{reference}"


class _LeaveUnknownVisible(dict):
    """A mapping for `str.format_map` that puts `{name}` back for any name it does not have."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _escaped(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def _as_typed(field_name: str, conversion: str | None, format_spec: str) -> str:
    return (
        "{" + field_name + (f"!{conversion}" if conversion else "") + (f":{format_spec}" if format_spec else "") + "}"
    )


def _parts(text: str) -> list[tuple[str, str | None, str | None, str | None]] | None:
    """The literal text and fields of `text`, or None when its curly brackets do not pair up."""
    try:
        return list(_FORMATTER.parse(text))
    except ValueError:
        return None


def problem(text: str) -> str | None:
    """What is wrong with the curly brackets in `text`, in words for the administrator; None when nothing is."""
    parts = _parts(text)
    if parts is None:
        return (
            f"Curly brackets must come in pairs around the name of a placeholder, like {EXAMPLE}: "
            "check for a { or } on its own"
        )
    for literal, field_name, format_spec, conversion in parts:
        if "{" in literal or "}" in literal:
            # "{{" means a literal bracket to str.format, but casework's sender does not read it that way, so a
            # template that used it would send something other than its preview showed.
            return f"Curly brackets can only go around the name of a placeholder, like {EXAMPLE}"
        if field_name is None:
            continue
        if not _NAME.fullmatch(field_name) or conversion or format_spec:
            shown = _as_typed(field_name, conversion, format_spec or "")
            return f"Placeholders must be one word in curly brackets, like {EXAMPLE}: {shown} is not"
    return None


def names(text: str) -> list[str]:
    """The plain placeholder names in `text`, each once, in order of first use."""
    found: list[str] = []
    for _, field_name, format_spec, conversion in _parts(text) or []:
        if field_name and _NAME.fullmatch(field_name) and not conversion and not format_spec:
            if field_name not in found:
                found.append(field_name)
    return found


def render(text: str, values: Mapping[str, str]) -> str:
    """`text` with each `{name}` replaced by `values[name]`. Never raises.

    Unknown names stay as `{name}`. Text whose brackets do not pair up is returned unchanged, and any field that is
    not a plain name (`{0}`, `{a.b}`, `{a!r}`, `{a:>9}`) is kept exactly as typed.
    """
    parts = _parts(text)
    if parts is None:
        return text
    safe = []
    for literal, field_name, format_spec, conversion in parts:
        safe.append(_escaped(literal))
        if field_name is None:
            continue
        if _NAME.fullmatch(field_name) and not conversion and not format_spec:
            safe.append("{" + field_name + "}")
        else:
            safe.append(_escaped(_as_typed(field_name, conversion, format_spec or "")))
    return "".join(safe).format_map(_LeaveUnknownVisible({key: str(value) for key, value in values.items()}))
