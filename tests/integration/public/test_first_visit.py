"""A first visit starts nothing: no session cookie until the visitor fills in a form, so reading the start page
leaves no trace in the browser and costs the server no session."""

from bs4 import BeautifulSoup


def exit_button(response):
    return BeautifulSoup(response.get_data(as_text=True), "html.parser").select_one(".govuk-exit-this-page")


def test_the_start_page_sets_no_cookie_and_its_exit_needs_no_token(client):
    for path in ("/", "/accessibility", "/privacy", "/cookies", "/contact"):
        response = client.get(path)
        assert response.status_code == 200
        assert "Set-Cookie" not in response.headers, path
        button = exit_button(response)
        assert button is not None and not button.has_attr("data-csrf-token") and not button.has_attr("data-forget-url")


def test_once_there_are_answers_every_page_s_exit_forgets_them_with_the_token(client):
    client.post("/complaint/who-are-you", data={"role": "parent"})
    button = exit_button(client.get("/"))
    assert button["data-forget-url"] == "/leave"
    assert button["data-csrf-token"]
