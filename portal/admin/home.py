"""The settings home page: a link to each settings screen."""

from flask import render_template

from portal.admin import bp
from portal.admin.views import administrators_only

SCREENS = [
    ("admin.council_details", "Council details and branding", "Name, contact details, logo, colours and policies."),
    ("admin.teams", "Teams and service areas", "The teams people can choose on the public forms, by service area."),
    (
        "admin.themes",
        "Categories and themes",
        "The lists for complaints, children's feedback and compliments, and the learning categories.",
    ),
    ("admin.timescales", "Timescales", "Working days for each step of each procedure."),
    ("admin.closure_days", "Closure days", "Days the council is closed besides weekends and bank holidays."),
    ("admin.message_templates", "Message and letter templates", "The words of acknowledgements and other letters."),
    ("admin.advocacy_providers", "Advocacy providers", "Who helps people speak up, and who gets children's requests."),
    ("admin.safeguarding_phrases", "Safeguarding phrases", "Words that flag a child's message for urgent attention."),
    ("admin.staff_accounts", "Staff accounts", "Who can sign in, their roles and teams."),
    ("admin.undelivered_messages", "Messages not sent", "Emails and text messages that failed, and why."),
]


@bp.get("")
@administrators_only
def home():
    return render_template("admin/home.html", screens=SCREENS, title="Settings")
