"""The visible text of a page, as the sentences a reader meets, for reading-ease scores."""

import re

from bs4 import BeautifulSoup

BLOCKS = "p li h1 h2 h3 h4 div label legend button summary dt dd td th br".split()
BLOCK_LINKS = "a.govuk-button, a.govuk-back-link, a.govuk-footer__link, a.govuk-service-navigation__link"
NOT_SHOWN = ["script", "style", "template", "head", "noscript", "progress"]
# Shown only to screen readers, or only when focused.
NOT_SHOWN_CLASSES = ".govuk-visually-hidden, .govuk-skip-link, [hidden]"


def visible_text(html: str) -> str:
    """The words a sighted reader sees, one sentence per line of the page.

    Scripts, styles and text only for screen readers are left out. Every block (a heading, a paragraph, a button, a
    choice) counts as at least one sentence, because that is how it is read; a block without a full stop, question or
    exclamation mark gets a full stop, so that labels are not run together into one long "sentence".
    """
    soup = BeautifulSoup(html, "html.parser")
    for element in soup(NOT_SHOWN):
        element.decompose()
    for element in soup.select(NOT_SHOWN_CLASSES):
        element.decompose()
    body = soup.body or soup
    for element in body.find_all(BLOCKS) + body.select(BLOCK_LINKS):
        element.insert_before("\n")
        element.insert_after("\n")
    return sentences(body.get_text())


def sentences(text: str) -> str:
    """Each non-empty line as a sentence, with a full stop added where it has no end mark of its own."""
    lines = [re.sub(r"\s+", " ", line).strip() for line in text.split("\n")]
    return " ".join(line if line[-1] in ".?!" else line + "." for line in lines if line and re.search(r"\w", line))
