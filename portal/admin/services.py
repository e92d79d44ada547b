"""The work behind the settings screens: load, check, change, audit, commit.

Every change is audited as a "settings_changed" event whose detail names the area and gives each changed value as
[before, after], so the trail shows who changed what and when. Nothing is cached: the next request reads the new
values, so no change needs a restart.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from email_validator import EmailNotValidError, validate_email

from portal.admin import message_defaults
from portal.common import staff_accounts as account_services
from portal.common.changes import changes as changes_between
from portal.common.working_calendar import england_and_wales_bank_holidays
from portal.data import transaction
from portal.data.models import AdvocacyProvider, ClosureDay, MessageTemplate, ServiceArea, StaffUser, Team, Theme
from portal.data.queries import admin as queries
from portal.data.queries import audit
from portal.data.queries.settings import council_settings
from portal.domain.timescales import SECTION_LABELS, TimescalePolicy
from portal.domain.types import StaffRole, ThemeScope

ACTION = "settings_changed"


class SettingsError(Exception):
    """A change that cannot be made as asked; the message says why, in words for the administrator.

    `field` names the form field the message belongs to, when there is one.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _record(actor: StaffUser, area: str, changes: dict, item: str | None = None) -> None:
    detail: dict[str, Any] = {"area": area, "changes": changes}
    if item is not None:
        detail["item"] = item
    audit.record(actor.id, ACTION, detail=detail)


def _apply(actor: StaffUser, target: Any, area: str, values: dict[str, Any], item: str | None = None) -> dict:
    """Sets `values` on `target` and audits what changed. Returns the changes (empty when nothing changed)."""
    before = {name: getattr(target, name) for name in values}
    changes = changes_between(before, values)
    if changes:
        for name, value in values.items():
            setattr(target, name, value)
        _record(actor, area, changes, item)
    return changes


def _commit(actor: StaffUser, target: Any, area: str, values: dict[str, Any], item: str | None = None) -> dict:
    changes = _apply(actor, target, area, values, item)
    transaction.commit()
    return changes


# Council details and branding ---------------------------------------------------------------------------------------

COUNCIL_FIELDS = (
    "name",
    "service_name",
    "contact_email",
    "contact_phone",
    "contact_address",
    "contact_hours",
    "website_url",
    "logo_path",
    "brand_colour",
    "link_colour",
    "child_consent_age",
    "retention_years",
    "exit_page_url",
    "safeguarding_contact_email",
    "urgent_read_by_text",
    "urgent_out_of_hours_text",
    "participation_team_email",
    "not_accepted_needs_approval",
    "corporate_letters_need_check",
)


def update_council_details(actor: StaffUser, values: dict[str, Any]) -> dict:
    unknown = set(values) - set(COUNCIL_FIELDS)
    if unknown:
        raise ValueError(f"Not council details: {', '.join(sorted(unknown))}")
    return _commit(actor, council_settings(), "council_details", values)


# Service areas and teams --------------------------------------------------------------------------------------------


def _check_area_name(name: str, excluding_id: int | None = None) -> None:
    if queries.service_area_named(name, excluding_id) is not None:
        raise SettingsError(f"There is already a service area called {name}", "name")


def add_service_area(actor: StaffUser, name: str) -> ServiceArea:
    _check_area_name(name)
    area = queries.add_service_area(name)
    _record(actor, "service_areas", {"name": [None, name], "active": [None, True]}, item=name)
    transaction.commit()
    return area


def rename_service_area(actor: StaffUser, area: ServiceArea, name: str) -> dict:
    _check_area_name(name, area.id)
    return _commit(actor, area, "service_areas", {"name": name}, item=area.name)


def set_service_area_active(actor: StaffUser, area: ServiceArea, active: bool) -> dict:
    if not active and queries.active_teams_in(area):
        raise SettingsError(f"Move {area.name}'s active teams to another area, or deactivate them, first")
    return _commit(actor, area, "service_areas", {"active": active}, item=area.name)


def _check_team(name: str, area: ServiceArea | None, excluding_id: int | None = None) -> None:
    if queries.team_named(name, excluding_id) is not None:
        raise SettingsError(f"There is already a team called {name}", "name")
    if area is not None and not area.active:
        raise SettingsError(f"{area.name} is not active: choose an active service area", "service_area")


def add_team(actor: StaffUser, name: str, area: ServiceArea | None, email: str | None) -> Team:
    _check_team(name, area)
    team = queries.add_team(name, area, email or None)
    changes = {"name": [None, name], "service_area": [None, area.name if area else None], "active": [None, True]}
    if email:
        changes["email"] = [None, email]
    _record(actor, "teams", changes, item=name)
    transaction.commit()
    return team


def update_team(actor: StaffUser, team: Team, name: str, area: ServiceArea | None, email: str | None) -> dict:
    _check_team(name, area if area is not team.service_area else None, team.id)
    before = {
        "name": team.name,
        "service_area": team.service_area.name if team.service_area else None,
        "email": team.email,
    }
    after = {"name": name, "service_area": area.name if area else None, "email": email or None}
    changes = changes_between(before, after)
    if changes:
        _record(actor, "teams", changes, item=team.name)
        team.name, team.service_area, team.email = name, area, email or None
    transaction.commit()
    return changes


def set_team_active(actor: StaffUser, team: Team, active: bool) -> dict:
    if active and team.service_area is not None and not team.service_area.active:
        raise SettingsError(f"Reactivate {team.service_area.name} first, or move the team to an active service area")
    return _commit(actor, team, "teams", {"active": active}, item=team.name)


# Themes ------------------------------------------------------------------------------------------------------------


def _check_theme_name(scope: ThemeScope, name: str, excluding_id: int | None = None) -> None:
    if queries.theme_named(scope, name, excluding_id) is not None:
        raise SettingsError(f"There is already a {scope.item_name} called {name} in {scope.label.lower()}", "name")


def add_theme(actor: StaffUser, scope: ThemeScope, name: str) -> Theme:
    _check_theme_name(scope, name)
    theme = queries.add_theme(scope, name)
    _record(actor, f"themes:{scope.value}", {"name": [None, name], "active": [None, True]}, item=name)
    transaction.commit()
    return theme


def rename_theme(actor: StaffUser, theme: Theme, name: str) -> dict:
    _check_theme_name(theme.scope, name, theme.id)
    return _commit(actor, theme, f"themes:{theme.scope.value}", {"name": name}, item=theme.name)


def set_theme_active(actor: StaffUser, theme: Theme, active: bool) -> dict:
    return _commit(actor, theme, f"themes:{theme.scope.value}", {"active": active}, item=theme.name)


def move_theme(actor: StaffUser, theme: Theme, step: int) -> dict:
    """Moves a theme one place up (step -1) or down (+1) in its list. Nothing happens at either end."""
    ordered = queries.themes(theme.scope)
    names_before = [item.name for item in ordered]
    index = ordered.index(theme)
    target = index + step
    if not 0 <= target < len(ordered):
        return {}
    ordered[index], ordered[target] = ordered[target], ordered[index]
    queries.set_theme_order(ordered)
    changes = {"order": [names_before, [item.name for item in ordered]]}
    _record(actor, f"themes:{theme.scope.value}", changes, item=theme.name)
    transaction.commit()
    return changes


# Timescale policy ----------------------------------------------------------------------------------------------------


def current_policy() -> TimescalePolicy:
    return TimescalePolicy.default().with_overrides(council_settings().timescale_overrides or {})


@dataclass(frozen=True)
class TimescaleProblem:
    section: str
    name: str
    message: str


def _label_owner(section: str, message: str) -> str | None:
    """The setting a message from the domain is about: the messages start with the setting's label."""
    for setting in TimescalePolicy.default().settings():
        if setting.section == section and message.startswith(f"{setting.label}:"):
            return setting.name
    return None


def check_timescales(values: dict[str, dict[str, int | bool]]) -> tuple[TimescalePolicy | None, list[TimescaleProblem]]:
    """Builds the policy from a complete set of values, or lists every problem the domain finds with them.

    The domain raises one ValueError at a time, so each section is retried with the faulty value put back to its
    default until it passes; every problem is then shown at once.
    """
    problems: list[TimescaleProblem] = []
    defaults = TimescalePolicy.default().as_dict()
    for section in SECTION_LABELS:
        trial = dict(values.get(section, {}))
        for _ in range(len(trial) + 1):
            try:
                TimescalePolicy.default().with_overrides({section: trial})
                break
            except ValueError as error:
                message = str(error).rstrip(".")
                name = _label_owner(section, message) or next(iter(trial), "")
                if "extended timescale" in message and f"{name}_extended" in trial:
                    name = f"{name}_extended"
                problems.append(TimescaleProblem(section, name, message))
                if name not in trial or trial[name] == defaults[section].get(name):
                    break
                trial[name] = defaults[section][name]
    if problems:
        return None, problems
    return TimescalePolicy.default().with_overrides(values), []


def _policy_changes(before: TimescalePolicy, after: TimescalePolicy) -> dict[str, list]:
    old, new = before.as_dict(), after.as_dict()
    return {
        f"{section}.{name}": [old[section][name], value]
        for section, values in new.items()
        for name, value in values.items()
        if old[section][name] != value
    }


def save_timescales(actor: StaffUser, policy: TimescalePolicy) -> dict:
    """Stores only the values that differ from the defaults. Returns the changes to the values in force."""
    settings = council_settings()
    changes = _policy_changes(current_policy(), policy)
    if changes:
        settings.timescale_overrides = policy.overrides()
        _record(actor, "timescales", changes)
    transaction.commit()
    return changes


def reset_timescale(actor: StaffUser, section: str, name: str) -> dict:
    """Puts one value back to its default. Raises SettingsError if the policy would then not make sense."""
    settings = council_settings()
    overrides = {key: dict(values) for key, values in (settings.timescale_overrides or {}).items()}
    overrides.get(section, {}).pop(name, None)
    overrides = {key: values for key, values in overrides.items() if values}
    try:
        policy = TimescalePolicy.default().with_overrides(overrides)
    except ValueError as error:
        raise SettingsError(str(error).rstrip(".")) from error
    return save_timescales(actor, policy)


# Closure days -------------------------------------------------------------------------------------------------------


def add_closure_day(actor: StaffUser, day: date, description: str) -> ClosureDay:
    when = f"{day.day} {day:%B %Y}"
    if day.weekday() >= 5:
        raise SettingsError(f"{when} is a {day:%A}: weekends are never working days already", "day")
    if day in england_and_wales_bank_holidays():
        raise SettingsError(f"{when} is a bank holiday, which is never a working day already", "day")
    if queries.closure_day_on(day) is not None:
        raise SettingsError(f"There is already a closure day on {when}", "day")
    closure = queries.add_closure_day(day, description)
    _record(actor, "closure_days", {"day": [None, day.isoformat()], "description": [None, description]})
    transaction.commit()
    return closure


def remove_closure_day(actor: StaffUser, closure: ClosureDay) -> None:
    changes = {"day": [closure.day.isoformat(), None], "description": [closure.description, None]}
    queries.remove_closure_day(closure)
    _record(actor, "closure_days", changes)
    transaction.commit()


# Message templates ---------------------------------------------------------------------------------------------------


def ensure_default_templates() -> bool:
    """Adds any of the default templates the council does not have yet. Returns whether it added any."""
    have = queries.message_template_keys()
    added = False
    for default in message_defaults.default_templates():
        if default.key not in have:
            queries.add_message_template(default.key, default.name, default.subject, default.body)
            added = True
    if added:
        transaction.commit()
    return added


def update_message_template(actor: StaffUser, template: MessageTemplate, name: str, subject: str, body: str) -> dict:
    return _commit(
        actor, template, "message_templates", {"name": name, "subject": subject, "body": body}, item=template.key
    )


# Advocacy providers --------------------------------------------------------------------------------------------------


def _check_provider_name(name: str, excluding_id: int | None = None) -> None:
    if queries.advocacy_provider_named(name, excluding_id) is not None:
        raise SettingsError(f"There is already a provider called {name}", "name")


def _is_childrens_provider(provider: AdvocacyProvider) -> bool:
    return provider.name.strip().lower() == (council_settings().advocacy_provider_name or "").strip().lower()


def add_advocacy_provider(
    actor: StaffUser, name: str, email: str | None, phone: str | None, for_children: bool
) -> AdvocacyProvider:
    _check_provider_name(name)
    provider = queries.add_advocacy_provider(name, email or None, phone or None, for_children)
    values = {
        "name": name,
        "email": email or None,
        "phone": phone or None,
        "for_children": for_children,
        "active": True,
    }
    _record(actor, "advocacy_providers", {key: [None, value] for key, value in values.items()}, item=name)
    transaction.commit()
    return provider


def update_advocacy_provider(
    actor: StaffUser, provider: AdvocacyProvider, name: str, email: str | None, phone: str | None, for_children: bool
) -> dict:
    _check_provider_name(name, provider.id)
    receives_childrens_requests = _is_childrens_provider(provider)
    if receives_childrens_requests and (not for_children or not email):
        raise SettingsError(
            f"{provider.name} gets children's requests for an advocate, so it must support children and have an email "
            "address. Choose another provider for children's requests first"
        )
    changes = _apply(
        actor,
        provider,
        "advocacy_providers",
        {"name": name, "email": email or None, "phone": phone or None, "for_children": for_children},
        item=provider.name,
    )
    if receives_childrens_requests:
        _apply(
            actor,
            council_settings(),
            "children_advocacy",
            {"advocacy_provider_name": provider.name, "advocacy_provider_email": provider.email},
        )
    transaction.commit()
    return changes


def set_advocacy_provider_active(actor: StaffUser, provider: AdvocacyProvider, active: bool) -> dict:
    if not active and _is_childrens_provider(provider):
        raise SettingsError(
            f"{provider.name} gets children's requests for an advocate: choose another provider for them first"
        )
    return _commit(actor, provider, "advocacy_providers", {"active": active}, item=provider.name)


def choose_childrens_provider(actor: StaffUser, provider: AdvocacyProvider) -> dict:
    if provider not in queries.children_advocacy_providers():
        raise SettingsError("Choose an active provider that supports children and has an email address", "provider")
    return _commit(
        actor,
        council_settings(),
        "children_advocacy",
        {"advocacy_provider_name": provider.name, "advocacy_provider_email": provider.email},
    )


# Safeguarding phrases ------------------------------------------------------------------------------------------------


def update_safeguarding_phrases(actor: StaffUser, phrases: list[str]) -> dict:
    if not phrases:
        raise SettingsError("Enter at least one phrase", "phrases")
    settings = council_settings()
    before = list(settings.safeguarding_phrases or [])
    if before == phrases:
        return {}
    changes = {
        "safeguarding_phrases": [before, phrases],
        "added": [None, [phrase for phrase in phrases if phrase not in before]],
        "removed": [[phrase for phrase in before if phrase not in phrases], None],
    }
    settings.safeguarding_phrases = list(phrases)
    _record(actor, "safeguarding_phrases", changes)
    transaction.commit()
    return changes


# Staff accounts ------------------------------------------------------------------------------------------------------


def _account_label(user: StaffUser) -> str:
    return f"{user.name} <{user.email}>"


def create_staff_account(actor: StaffUser, email: str, name: str, role: StaffRole, team: Team | None) -> StaffUser:
    """Creates the account the way `flask staff create` does, and emails its set-up link."""
    try:
        email = validate_email(email, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise SettingsError("Enter an email address in the correct format, like name@example.com", "email") from error
    try:
        user, _ = account_services.create_account(email, name, role, team.name if team else None, actor_id=actor.id)
    except account_services.AccountError as error:
        raise SettingsError(str(error), "email") from error
    changes = {
        "name": [None, name],
        "email": [None, email],
        "role": [None, role.value],
        "team": [None, team.name if team else None],
    }
    _record(actor, "staff_accounts", changes, item=_account_label(user))
    transaction.commit()
    return user


def change_staff_account(actor: StaffUser, user: StaffUser, role: StaffRole, team: Team | None) -> dict:
    if user.id == actor.id and role != user.role:
        raise SettingsError("You cannot change your own role: ask another administrator", "role")
    if team is not None and not team.active and team is not user.team:
        raise SettingsError(f"{team.name} is not active: choose an active team", "team")
    before = {"role": user.role.value, "team": user.team.name if user.team else None}
    after = {"role": role.value, "team": team.name if team else None}
    changes = changes_between(before, after)
    if changes:
        user.role, user.team = role, team
        _record(actor, "staff_accounts", changes, item=_account_label(user))
    transaction.commit()
    return changes


def set_staff_active(actor: StaffUser, user: StaffUser, active: bool) -> dict:
    """Deactivating also signs the person out of every device at once."""
    if user.id == actor.id and not active:
        raise SettingsError("You cannot deactivate your own account: ask another administrator")
    changes = _apply(actor, user, "staff_accounts", {"active": active}, item=_account_label(user))
    if changes and not active:
        account_services.end_sessions(user, actor, reason="deactivated")
    transaction.commit()
    return changes


def sign_out_everywhere(actor: StaffUser, user: StaffUser) -> int:
    """Ends every session of the account, for a leaver or a lost laptop. Returns how many ended."""
    ended = account_services.end_sessions(user, actor, reason="administrator")
    transaction.commit()
    return ended


def reset_two_factor(actor: StaffUser, user: StaffUser) -> None:
    """Forgets the account's authenticator app, the way `flask staff reset-two-factor` does."""
    had_one = user.totp_secret is not None
    account_services.reset_two_factor(user.email, actor_id=actor.id)
    _record(
        actor,
        "staff_accounts",
        {"two_factor": ["set up" if had_one else "not set up", "reset"]},
        item=_account_label(user),
    )
    transaction.commit()
