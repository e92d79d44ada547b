"""Plain words for the browser a session was started in, from its User-Agent header, for the "Your account" page."""

# The first match wins, so the more specific names come first (Edge and Opera also say "Chrome"; an iPhone also
# says "Mac OS X"; Android also says "Linux").
BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
SYSTEMS = (
    ("Windows", "Windows"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("CrOS", "ChromeOS"),
    ("Mac OS X", "Mac"),
    ("Linux", "Linux"),
)


def _first(user_agent: str, names: tuple[tuple[str, str], ...]) -> str | None:
    return next((name for marker, name in names if marker in user_agent), None)


def describe_device(user_agent: str) -> str:
    """Like "Chrome on Windows", or "An unknown browser" when the header says nothing we know."""
    browser = _first(user_agent or "", BROWSERS)
    system = _first(user_agent or "", SYSTEMS)
    if browser and system:
        return f"{browser} on {system}"
    if browser or system:
        return browser or f"A browser on {system}"
    return "An unknown browser"
