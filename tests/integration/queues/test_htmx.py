"""htmx asks for the results region alone; everyone else, and history restores, get the whole page."""

import pytest
from flask import Flask

from portal.common import htmx
from tests.integration.auth.staff import make_staff, signed_in_as
from tests.integration.queues.conftest import references, soup_of

HTMX = {"HX-Request": "true"}


def vary(response) -> set[str]:
    return {value.strip() for value in response.headers.get("Vary", "").split(",")}


@pytest.fixture
def officer(client, case_factory):
    case_factory(reference="MATCH", submitter=None, summary="A match")
    case_factory(reference="OTHER")
    signed_in_as(client, make_staff())


def test_htmx_gets_only_the_results_region(client, officer):
    response = client.get("/staff/cases?q=match", headers=HTMX)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in body
    assert "HX-Request" in vary(response)
    soup = soup_of(response)
    [root] = soup.find_all(recursive=False)
    assert root["id"] == "case-results"
    assert root["aria-live"] == "polite"
    assert references(response) == ["MATCH"]
    assert soup.select_one("form") is None
    assert soup.select_one("nav") is None


@pytest.mark.parametrize(
    "headers", [{}, {"HX-Request": "true", "HX-History-Restore-Request": "true"}, {"HX-Request": "false"}]
)
def test_plain_requests_and_history_restores_get_the_whole_page(client, officer, headers):
    response = client.get("/staff/cases?q=match", headers=headers)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert body.lstrip().lower().startswith("<!doctype html>")
    assert "HX-Request" in vary(response)
    soup = soup_of(response)
    assert soup.select_one("h1").get_text(strip=True) == "Cases"
    assert len(soup.select("#case-results")) == 1
    assert references(response) == ["MATCH"]


@pytest.mark.parametrize("url", ["/staff/cases?page=9", "/staff/cases?queue=nonsense", "/staff/cases?page=x"])
@pytest.mark.parametrize("headers", [{}, HTMX])
def test_pages_that_do_not_exist_also_vary(client, officer, url, headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 404
    assert "HX-Request" in vary(response)


def test_the_form_and_search_box_ask_htmx_to_update_the_results_in_place(client, officer):
    soup = soup_of(client.get("/staff/cases"))
    form = soup.select_one(".moj-filter form")
    assert form["hx-get"] == "/staff/cases"
    assert form["hx-target"] == "#case-results"
    assert form["hx-push-url"] == "true"
    assert form["hx-trigger"] == "submit, change"
    # The region stays in the page, so it keeps announcing changes; only what is inside it is swapped.
    assert form["hx-select"] == "#case-results > *"
    assert form["hx-swap"] == "innerHTML"
    search = form.select_one("input[name=q]")
    assert search["hx-trigger"] == "keyup changed delay:400ms, search"
    assert search["hx-get"] == "/staff/cases"
    assert search["hx-include"] == "closest form"
    region = soup.select_one("#case-results")
    assert region["aria-live"] == "polite"
    assert region["hx-history"] == "false"


def test_the_page_includes_the_same_partial(client, officer):
    page = soup_of(client.get("/staff/cases?q=match")).select_one("#case-results")
    partial = soup_of(client.get("/staff/cases?q=match", headers=HTMX)).select_one("#case-results")
    assert str(page) == str(partial)


def test_is_partial_request():
    app = Flask("scratch")
    cases = [
        ({}, False),
        ({"HX-Request": "true"}, True),
        ({"HX-Request": "false"}, False),
        ({"HX-Request": "true", "HX-History-Restore-Request": "true"}, False),
    ]
    for headers, expected in cases:
        with app.test_request_context(headers=headers):
            assert htmx.is_partial_request() is expected, headers
