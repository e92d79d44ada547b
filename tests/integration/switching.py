"""Signing a different member of staff in part-way through a test."""

from flask import g

from tests.integration.auth.staff import signed_in_as


def sign_in_as(client, user):
    """Puts `user`'s session into the client. Requests in a test share the test's application context, so the user
    flask-login remembered for an earlier request (or the visitor it found) is forgotten too."""
    signed_in_as(client, user)
    g.pop("_login_user", None)
    return client
