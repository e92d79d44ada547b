"""Things that happen to a case that another part of the portal acts on, as blinker signals (Flask's own).

The journeys may not import each other (pyproject.toml's import contracts), so the service that closes a case tells
whoever listens rather than calling them: the Participation Team's closing-the-loop hook,
`portal.participation.services.case_closed`, connects itself to `case_closed` when that module is imported, which
`create_app` always does. Receivers run at once, inside the sender's transaction.
"""

from blinker import Namespace

_signals = Namespace()

# Sent with the case as sender and `closed_on`, once the case is CLOSED, before the closing change commits.
case_closed = _signals.signal("case-closed")
