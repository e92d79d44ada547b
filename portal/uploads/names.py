"""Safe display names for uploaded files.

The name someone's browser sends is only ever shown (to staff, in error messages, in a download's
Content-Disposition); it is never used as a path, because files are stored under random keys. So the rules
here protect the people reading the name rather than the file system: no folders, no control or invisible
characters (a right-to-left override can make ``invoice‮fdp.exe`` read as ``invoiceexe.pdf``), no leading
dots, no Windows device names, a bounded length, and an extension that matches what the file really is.

Unlike ``werkzeug.utils.secure_filename`` this keeps letters from any script, so a child called Łucja or
محمد still recognises their own drawing; ``secure_filename`` would turn those names into ``ucja`` or nothing.
"""

import re
import unicodedata

MAX_NAME_LENGTH = 100
FALLBACK_STEM = "upload"

# Letter, mark and number categories are kept; everything else except these few separators is dropped.
_KEPT_CATEGORIES = ("L", "M", "N")
_KEPT_PUNCTUATION = frozenset(" -_.()")
# Only a short run of letters and digits, with at least one letter, counts as an extension: "v2.1" has none.
_EXTENSION = re.compile(r"\.(?=[A-Za-z0-9]{0,7}[A-Za-z])([A-Za-z0-9]{1,8})$")
_WINDOWS_DEVICE_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}
)


def safe_display_name(filename: str, extension: str | None = None, aliases: tuple[str, ...] = ()) -> str:
    """Returns a name that is safe to show and to offer as a download name, at most 100 characters long.

    With ``extension`` (the extension of the type found in the content, such as ``"pdf"``) the name is made to
    end with it: a name already ending with it or one of its ``aliases`` (``.jpeg`` for ``jpg``) is kept as it
    is; otherwise one wrong extension is dropped and the right one added, so ``report.pdf.exe`` that is really
    a PDF becomes ``report.pdf`` and ``drawing`` that is really a PNG becomes ``drawing.png``. With nothing
    left of the name the result is ``upload.<extension>``. Without ``extension`` the name keeps its own
    extension and may come back empty; error messages use that form.
    """
    name = _clean(filename)
    if extension is None:
        stem, own_extension = _split_extension(name)
        return _shorten(_avoid_device_name(stem), own_extension) if stem else ""
    accepted = {extension.lower(), *(alias.lower() for alias in aliases)}
    stem, own_extension = _split_extension(name)
    if own_extension.lower() not in accepted:
        inner_stem, inner_extension = _split_extension(stem)
        if inner_extension.lower() not in accepted:
            inner_stem, inner_extension = stem, extension
        stem, own_extension = inner_stem, inner_extension
    stem = _strip_separators(stem) or FALLBACK_STEM
    return _shorten(_avoid_device_name(stem), own_extension)


def _clean(filename: str) -> str:
    # NFKC first: it turns look-alikes such as the full-width solidus into "/" so that the folder split catches them.
    name = unicodedata.normalize("NFKC", filename or "")
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(
        char for char in name if unicodedata.category(char).startswith(_KEPT_CATEGORIES) or char in _KEPT_PUNCTUATION
    )
    # Dropping an invisible character can leave a letter next to its accent: compose them again.
    name = unicodedata.normalize("NFKC", name)
    name = re.sub(r" {2,}", " ", name)
    name = re.sub(r"\.{2,}", ".", name)
    return _strip_separators(name)


def _strip_separators(name: str) -> str:
    return name.strip(" ._-")


def _avoid_device_name(stem: str) -> str:
    """``CON``, ``NUL``, ``COM1``... name devices on Windows, so a downloaded ``CON.pdf`` could not be saved."""
    return f"_{stem}" if stem.split(".")[0].upper() in _WINDOWS_DEVICE_NAMES else stem


def _split_extension(name: str) -> tuple[str, str]:
    match = _EXTENSION.search(name)
    if not match or match.start() == 0:
        return name, ""
    return name[: match.start()], match.group(1)


def _shorten(stem: str, extension: str) -> str:
    """Cuts the stem, never the extension, so that the whole name fits in MAX_NAME_LENGTH characters."""
    suffix = f".{extension}" if extension else ""
    return stem[: MAX_NAME_LENGTH - len(suffix)].rstrip(" ._-") + suffix
