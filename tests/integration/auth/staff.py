"""Staff accounts and signed-in clients for the staff tests."""

import pyotp

from portal.common import server_sessions, staff_sessions
from portal.common.clock import utc_now
from portal.common.passwords import hash_password
from portal.data.database import db
from portal.data.models import StaffUser, Team
from portal.domain.types import StaffRole

PASSWORD = "correct horse battery"
# Hashing with the real Argon2 parameters is slow on purpose; one hash serves every test.
_PASSWORD_HASH = hash_password(PASSWORD)


def make_staff(
    email: str = "casey.officer@anytown.example",
    role: StaffRole = StaffRole.COMPLAINTS_OFFICER,
    *,
    team: Team | None = None,
    two_factor: bool = True,
    password: str | None = PASSWORD,
    name: str = "Casey Marlowe",
) -> StaffUser:
    user = StaffUser(
        email=email,
        name=name,
        role=role,
        team=team,
        password_hash=None if password is None else _PASSWORD_HASH if password == PASSWORD else hash_password(password),
        totp_secret=pyotp.random_base32() if two_factor else None,
        failed_sign_ins=0,
    )
    db.session.add(user)
    db.session.commit()
    return user


def make_team(name: str = "Children in Care") -> Team:
    team = Team(name=name)
    db.session.add(team)
    db.session.commit()
    return team


def code(secret: str) -> str:
    """The code an authenticator app shows now. Each code works once."""
    return pyotp.TOTP(secret).now()


def sign_in(client, user: StaffUser, password: str = PASSWORD):
    """Signs in through the real pages, password then code. Returns the final response."""
    response = client.post("/staff/sign-in", data={"email": user.email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)
    assert response.headers["Location"] == "/staff/two-factor"
    return client.post("/staff/two-factor", data={"code": code(user.totp_secret)})


def signed_in_as(client, user: StaffUser, user_agent: str = "Test client"):
    """Puts a signed-in session straight into the client, for tests about what staff see rather than sign-in: a
    session recorded on the server, as sign-in makes, and its token in the cookie."""
    token = server_sessions.start(staff_sessions.staff_kind(), str(user.id), utc_now(), user_agent=user_agent)
    db.session.commit()
    with client.session_transaction() as session:
        session.clear()
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
        session[staff_sessions.TOKEN_KEY] = token
    return client
