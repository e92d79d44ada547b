"""Cleaning of free text before it is stored. The only place the portal calls bleach.

People write plain text, so no markup survives: tags are stripped and the remaining text is kept as typed
(bleach's escaping is undone, because templates escape on output and double escaping would garble "a < b").
"""

import html

import bleach

MAX_PASSES = 5
CONTROL_CHARACTERS = {code: None for code in range(32) if chr(code) not in "\t\n\r"} | {0x7F: None}


def clean_text(value: str | None) -> str | None:
    """Returns the text with markup and control characters removed, line endings normalised and ends trimmed."""
    if value is None:
        return None
    text = value.translate(CONTROL_CHARACTERS)
    # Undoing the escaping can reveal markup that was typed as entities ("&lt;script&gt;"), so clean until stable.
    for _ in range(MAX_PASSES):
        cleaned = html.unescape(bleach.clean(text, tags=set(), attributes={}, strip=True, strip_comments=True))
        if cleaned == text:
            break
        text = cleaned
    else:
        text = bleach.clean(text, tags=set(), strip=True)
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()
