"""Text is evidence: "she said <mum> was lying" survives intake, storage, the receipt and every page that shows it,
and a flagged adult's receipt leads with help and promises no reply date."""

from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.data.database import db
from portal.data.models import Case
from tests.integration.intake.conftest import post_pages
from tests.integration.intake.journey_data import complaint_pages
from tests.integration.safeguarding.conftest import staff_page
from tests.integration.young_people.conftest import post_pages as post_child_pages
from tests.integration.young_people.journey_data import WORRIED, child_pages

TYPED = "she said <mum> was lying & I've got the <texts>"
PUT_RIGHT = "Tell <mum> the truth"


def shown(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text().split())


def test_an_adults_words_survive_intake_storage_receipt_and_every_page(app, client, team_id, app_sends_by_smtp):
    pages = complaint_pages(team_id)
    pages[5] = ("what-happened", {"what_happened": TYPED})
    pages[8] = ("put-it-right", {"desired_outcome": PUT_RIGHT})
    post_pages(client, "complaint", pages)

    check = client.get("/complaint/check-answers").get_data(as_text=True)
    assert "she said &lt;mum&gt; was lying &amp; I&#39;ve got the &lt;texts&gt;" in check
    assert TYPED in shown(check) and PUT_RIGHT in shown(check)

    sent = client.post("/complaint/check-answers", data={"declaration": "y"}, follow_redirects=True)
    case = db.session.scalar(select(Case))
    assert (case.description, case.desired_outcome) == (TYPED, PUT_RIGHT)
    assert "<mum>" not in sent.get_data(as_text=True)  # shown nowhere unescaped
    assert "We have sent a copy of your complaint to sam.fairweather@example.com." in shown(sent.get_data(as_text=True))

    [receipt] = app_sends_by_smtp.messages
    assert TYPED in receipt.get_content() and PUT_RIGHT in receipt.get_content()

    for path in (f"/staff/cases/{case.reference}", f"/staff/cases/{case.reference}/screening"):
        html = staff_page(app, path)
        assert TYPED in shown(html), path
        assert "<mum>" not in html and "<texts>" not in html, path


def test_a_childs_words_survive_too(client, theme_ids):
    post_child_pages(client, child_pages(WORRIED, theme_ids, words=TYPED))
    check = client.get("/young-people/check-answers").get_data(as_text=True)
    assert TYPED in shown(check) and "<mum>" not in check
    client.post("/young-people/check-answers")
    assert db.session.scalar(select(Case)).description == TYPED


def test_a_flagged_adults_receipt_leads_with_help_and_promises_no_date(client, team_id, phrases, app_sends_by_smtp):
    pages = complaint_pages(team_id)
    pages[5] = ("what-happened", {"what_happened": "He hits me and I am scared to go home."})
    post_pages(client, "complaint", pages)
    response = client.post("/complaint/check-answers", data={"declaration": "y"}, follow_redirects=True)
    sent = shown(str(BeautifulSoup(response.text, "html.parser").main))
    case = db.session.scalar(select(Case))
    [receipt] = [message for message in app_sends_by_smtp.messages if message["To"] == "sam.fairweather@example.com"]
    body = receipt.get_content()

    assert body.startswith("If you or a child are in danger right now, call 999.")
    assert sent.index("call 999") < sent.index("Complaint sent")
    due = case.acknowledgement_due_on
    for text in (body, sent):
        assert "When we will read it" in text
        assert f"{due.day} {due:%B}" not in text and "contact you by" not in text
