"""Asking for an advocate, on its own or with a complaint: a referral on the case, and the provider and the
Participation Team told."""

from flask import g
from sqlalchemy import select

from portal.common.clock import uk_today
from portal.data.database import db
from portal.data.models import AdvocacyReferral, Case, OutboxMessage
from portal.data.queries.settings import council_settings
from portal.domain.types import AdvocacyStatus, FeedbackKind, MessageChannel
from tests.integration.young_people.conftest import post_pages, send
from tests.integration.young_people.journey_data import SOMETHING_WRONG, SPEAK_UP, WORRIED, child_pages


def configure() -> None:
    settings = council_settings()
    settings.advocacy_provider_name = "Speak Out Advocacy"
    settings.advocacy_provider_email = "referrals@speakout.example"
    settings.participation_team_email = "participation.team@anytown.example"
    db.session.commit()


def messages() -> dict[str, OutboxMessage]:
    return {
        message.recipient: message for message in db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
    }


def test_an_advocate_request_on_its_own_creates_a_referral_and_tells_the_provider_and_participation_team(
    client, theme_ids
):
    configure()
    pages = child_pages(SPEAK_UP, theme_ids)
    assert [slug for slug, _ in pages if slug in ("how-do-you-feel", "make-it-better", "advocate")] == []
    post_pages(client, pages)
    sent = send(client).get_data(as_text=True)

    case = db.session.scalar(select(Case))
    assert case.kind == FeedbackKind.ADVOCACY_REQUEST
    assert case.made_by_child
    assert case.summary == "Asked for an advocate"
    [referral] = db.session.scalars(select(AdvocacyReferral).order_by(AdvocacyReferral.id)).all()
    assert referral.case_id == case.id
    assert referral.provider == "Speak Out Advocacy"
    assert referral.status == AdvocacyStatus.REQUESTED
    assert referral.requested_on == uk_today()
    assert referral.referred_on is None

    sent_to = messages()
    assert set(sent_to) == {"referrals@speakout.example", "participation.team@anytown.example"}
    for message in sent_to.values():
        assert message.channel == MessageChannel.EMAIL
        assert message.case_id == case.id
        assert case.reference in message.body
    assert "asked for one" in sent_to["participation.team@anytown.example"].body
    # The provider gets the request; how to reach the child comes with the referral itself, from the team.
    assert "07700 900123" not in sent_to["referrals@speakout.example"].body
    assert "We will find you an advocate" in sent


def test_a_complaint_with_an_advocate_has_both(client, theme_ids):
    configure()
    post_pages(client, child_pages(SOMETHING_WRONG, theme_ids))  # says yes to the advocate offer
    send(client)
    case = db.session.scalar(select(Case))
    assert case.kind == FeedbackKind.COMPLAINT
    assert [referral.provider for referral in case.advocacy_referrals] == ["Speak Out Advocacy"]
    assert set(messages()) == {"referrals@speakout.example", "participation.team@anytown.example"}


def test_no_thank_you_to_an_advocate_means_no_referral_but_the_participation_team_still_hears(client, theme_ids):
    configure()
    post_pages(client, child_pages(WORRIED, theme_ids))  # says no to the advocate offer
    send(client)
    case = db.session.scalar(select(Case))
    assert case.advocacy_referrals == []
    assert case.wants_advocacy_information is False
    sent_to = messages()
    assert set(sent_to) == {"participation.team@anytown.example"}
    assert "Offer one when you get in touch." in sent_to["participation.team@anytown.example"].body


def test_the_advocate_offer_says_what_an_advocate_is(client, theme_ids):
    pages = child_pages(SOMETHING_WRONG, theme_ids)
    slugs = [slug for slug, _ in pages]
    post_pages(client, pages[: slugs.index("advocate")])
    page = client.get("/young-people/advocate").get_data(as_text=True)
    assert "An advocate is someone on your side who does not work for social care." in page


def test_the_participation_officer_sees_the_advocate_request_on_the_case_page(client, theme_ids):

    from portal.domain.types import StaffRole
    from tests.integration.auth.staff import make_staff, signed_in_as

    post_pages(client, child_pages(SPEAK_UP, theme_ids))
    send(client)
    case = db.session.scalar(select(Case))
    signed_in_as(client, make_staff(role=StaffRole.PARTICIPATION_OFFICER))
    g.pop("_login_user", None)  # the test client shares one app context, where Flask-Login keeps the earlier visitor
    page = client.get(f"/staff/cases/{case.reference}").get_data(as_text=True)
    assert "Advocacy" in page
    assert council_settings().advocacy_provider_name in page
    assert "Requested" in page
