"""Fixtures and readers for the work queue tests."""

import pytest
from bs4 import BeautifulSoup

from tests.integration.casework.conftest import make_case


@pytest.fixture
def case_factory(app_context):
    return make_case


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def rows(response) -> list[dict[str, str]]:
    """Each row of the results table as {column heading: text}."""
    soup = soup_of(response)
    headings = [heading.get_text(" ", strip=True).rstrip(" ▲▼") for heading in soup.select("table thead th")]
    return [
        dict(zip(headings, (cell.get_text(" ", strip=True) for cell in row.select("th, td")), strict=True))
        for row in soup.select("#case-results tbody tr")
    ]


def references(response) -> list[str]:
    """The references listed, in order."""
    assert response.status_code == 200, response.status_code
    return [link.get_text(strip=True) for link in soup_of(response).select("#case-results tbody th a")]


def deadline_tags(response) -> dict[str, tuple[str, str]]:
    """For each listed case with a deadline: (the tag's colour class, its words)."""
    tags = {}
    for row in soup_of(response).select("#case-results tbody tr"):
        tag = row.select_one(".app-deadline")
        if tag is not None:
            colour = next(name for name in tag["class"] if name.startswith("govuk-tag--"))
            tags[row.select_one("th a").get_text(strip=True)] = (colour, tag.get_text(strip=True))
    return tags
