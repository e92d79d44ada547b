"""Answers that complete each adult journey, page by page, as a browser would post them."""

from portal.common.clock import uk_today


def complaint_pages(team_id: str, email: str = "sam.fairweather@example.com") -> list[tuple[str, dict]]:
    return [
        ("who-are-you", {"role": "parent"}),
        ("about-a-child", {"about_child": "yes"}),
        ("on-behalf", {"on_behalf_of_child": "yes"}),
        ("child-details", {"child_name": "Riley", "child_date_of_birth": ["4", "5", "2016"], "child_age": ""}),
        ("child-agrees", {"child_agrees": "yes"}),
        ("what-happened", {"what_happened": "Family time was cancelled three times with no notice."}),
        ("when-it-happened", {"happened_on": ["2", "11", str(uk_today().year - 1)], "happened_when": ""}),
        ("team", {"team": team_id, "worker_name": "Lee"}),
        ("put-it-right", {"desired_outcome": "A reliable plan for family time."}),
        ("raised-before", {"raised_before": "no", "previous_reference": ""}),
        ("documents", {}),
        (
            "contact-details",
            {"full_name": "Sam Fairweather", "email": email, "phone": "07700 900123", "address": "", "postcode": ""},
        ),
        (
            "contact-preferences",
            {
                "contact_methods": ["email", "text"],
                "safe_contact_times": "After 3pm",
                "voicemail_ok": "no",
                "letters_ok": "yes",
            },
        ),
        ("support", {}),
        ("advocacy", {"wants_advocacy_information": "yes"}),
        ("equalities", {"ethnicity": "prefer_not_to_say"}),
    ]


def comment_pages() -> list[tuple[str, dict]]:
    return [
        ("what-about", {"comment_subject": "Foster carer training dates"}),
        ("your-comment", {"comment_text": "The training is always in the school holidays."}),
        ("reply", {"wants_reply": "yes"}),
        (
            "contact-details",
            {
                "full_name": "Quinn Hartley",
                "email": "quinn.hartley@example.com",
                "phone": "",
                "address": "",
                "postcode": "",
            },
        ),
        ("equalities", {}),
    ]


def compliment_pages(team_id: str) -> list[tuple[str, dict]]:
    return [
        ("who-for", {"team": team_id, "worker_name": "Lee"}),
        ("what-they-did", {"compliment_text": "Lee came to every school meeting."}),
        ("about-you", {"compliment_role": "professional", "organisation": "Anytown Primary School"}),
        ("sharing", {"may_share_with_team": "yes", "may_publish": "yes"}),
        ("contact-details", {"full_name": "", "email": "", "phone": ""}),
        ("equalities", {}),
    ]
