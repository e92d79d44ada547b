"""What is done to text before it is stored, and the one place the portal calls bleach.

What people type is evidence, so it is kept as typed: "she said <mum> was lying" is stored with its "<mum>", and
templates escape it when it is shown (Jinja autoescaping). Only three things change:

- control characters are removed (they cannot be typed on purpose and break emails, PDFs and CSV exports);
- line endings become "\\n", whatever the browser or operating system sent;
- spaces and blank lines at either end are trimmed.

Names lose one thing more: bidirectional controls and zero-width characters, which can make a name look like
another or reverse the words after it ("invoice\\u202efdp.exe"). Everywhere else they are kept, and shown inert by
`portal.common.filters.multiline`.

HTML is accepted only where staff write it on purpose; `clean_html` keeps the tags on its allowlist and nothing else.
"""

import bleach

KEPT_CONTROLS = "\t\n\r"
CONTROL_CHARACTERS = {code: None for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)] if chr(code) not in KEPT_CONTROLS}
# Right-to-left and left-to-right marks, embeddings, overrides and isolates (Unicode Bidirectional Algorithm).
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
INVISIBLE_IN_NAMES = {ord(character): None for character in BIDI_CONTROLS + ZERO_WIDTH}

ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "ul", "ol", "li", "a", "h2", "h3"})
ALLOWED_ATTRIBUTES = {"a": ["href"]}
ALLOWED_PROTOCOLS = frozenset({"https", "mailto", "tel"})


def clean_text(value: str | None) -> str | None:
    """The text as typed, without control characters, with "\\n" line endings and its ends trimmed."""
    if value is None:
        return None
    text = value.replace("\r\n", "\n").replace("\r", "\n").translate(CONTROL_CHARACTERS)
    return text.strip()


def clean_name(value: str | None) -> str | None:
    """A person's name as typed, without control, bidirectional or zero-width characters."""
    text = clean_text(value)
    return None if text is None else " ".join(text.translate(INVISIBLE_IN_NAMES).split())


def clean_html(value: str) -> str:
    """HTML that staff wrote on purpose, with only the allowlisted tags, attributes and link protocols kept; anything
    else is escaped and so shown as text."""
    return bleach.clean(
        value, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, protocols=ALLOWED_PROTOCOLS, strip_comments=True
    )
