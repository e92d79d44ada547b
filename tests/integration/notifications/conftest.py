from tests.fixtures.notify_stand_in import app_sends_by_notify, notify_stand_in  # noqa: F401
from tests.fixtures.smtp_sink import app_sends_by_smtp, smtp_sink  # noqa: F401
