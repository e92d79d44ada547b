"""Full links for emails and letters."""

from flask import current_app, url_for


def external_url(endpoint: str, **values) -> str:
    """A full link built from BASE_URL when it is set, so a forged Host header can never change where an emailed
    link points. Without BASE_URL (development only) the request's own address is used."""
    base_url = current_app.config.get("BASE_URL")
    if base_url:
        with current_app.test_request_context(base_url=base_url):
            return url_for(endpoint, _external=True, **values)
    return url_for(endpoint, _external=True, **values)
