"""Where uploaded files are kept: a small storage interface and a local-folder backend.

Files are stored under random keys, never under the names people gave them, and outside ``static/``, so nothing
uploaded can be reached by URL: staff download them through a view that checks who they are.
"""

import os
import re
import secrets
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from portal.config import ConfigurationError

_KEY = re.compile(r"[0-9a-f]{32}")


class InvalidStorageKey(ValueError):
    """A key that this storage could never have made: refused before it gets near the file system."""


class Storage(Protocol):
    def save(self, data: bytes) -> str:
        """Keeps ``data`` and returns the new key for it."""
        ...

    def open(self, key: str) -> bytes:
        """Returns the stored bytes; raises FileNotFoundError if there is nothing under ``key``."""
        ...

    def delete(self, key: str) -> None:
        """Removes the file; does nothing if it is already gone."""
        ...

    def exists(self, key: str) -> bool: ...


class LocalStorage:
    """Files in a local folder, as ``<root>/<key[:2]>/<key>``, readable only by the portal's user.

    Keys are 32 random hex characters. Writes go to a temporary file that is renamed into place, so a file is
    either complete or absent, never half-written.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def save(self, data: bytes) -> str:
        key = secrets.token_hex(16)
        path = self._path(key)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # mkstemp creates the file with mode 0o600 whatever the umask.
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".partial-")
        try:
            with os.fdopen(descriptor, "wb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return key

    def open(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def _path(self, key: str) -> Path:
        if not isinstance(key, str) or not _KEY.fullmatch(key):
            raise InvalidStorageKey(f"Not a storage key: {key!r}")
        return self.root / key[:2] / key


def storage_for(config: Mapping, instance_path: str | Path) -> Storage:
    """The storage the configuration asks for: ``UPLOAD_STORAGE`` ("local") and ``UPLOAD_FOLDER``.

    Without ``UPLOAD_FOLDER`` files go to ``<instance folder>/uploads``, which is outside ``static/``.
    """
    kind = config.get("UPLOAD_STORAGE") or "local"
    if kind == "local":
        folder = config.get("UPLOAD_FOLDER") or Path(instance_path) / "uploads"
        return LocalStorage(Path(folder))
    raise ConfigurationError(f"UPLOAD_STORAGE must be 'local', not {kind!r}")
