"""LocalStorage and storage_for: random keys, atomic private files, no way out of the folder."""

import os
import stat
from pathlib import Path

import pytest

from portal.config import ConfigurationError
from portal.uploads.storage import InvalidStorageKey, LocalStorage, storage_for


@pytest.fixture
def storage(tmp_path) -> LocalStorage:
    return LocalStorage(tmp_path / "uploads")


def test_save_open_delete_round_trip(storage):
    key = storage.save(b"hello")
    assert storage.exists(key)
    assert storage.open(key) == b"hello"
    storage.delete(key)
    assert not storage.exists(key)
    with pytest.raises(FileNotFoundError):
        storage.open(key)


def test_delete_is_quiet_when_the_file_is_already_gone(storage):
    key = storage.save(b"x")
    storage.delete(key)
    storage.delete(key)


def test_keys_are_random_hex_and_files_sit_in_a_two_character_folder(storage, tmp_path):
    keys = {storage.save(b"same content") for _ in range(20)}
    assert len(keys) == 20
    for key in keys:
        assert len(key) == 32 and int(key, 16) >= 0
        assert (tmp_path / "uploads" / key[:2] / key).read_bytes() == b"same content"


def test_files_and_folders_are_private_to_the_portal_user(storage, tmp_path):
    previous = os.umask(0o022)
    try:
        key = storage.save(b"private")
    finally:
        os.umask(previous)
    file = tmp_path / "uploads" / key[:2] / key
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    assert stat.S_IMODE(file.parent.stat().st_mode) & 0o077 == 0


def test_no_partial_files_are_left_behind(storage, tmp_path):
    key = storage.save(b"complete")
    assert [path.name for path in (tmp_path / "uploads" / key[:2]).iterdir()] == [key]


def test_a_failed_write_leaves_nothing(storage, tmp_path, monkeypatch):
    def refuse(source, destination):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        storage.save(b"data")
    assert not [path for path in (tmp_path / "uploads").rglob("*") if path.is_file()]


@pytest.mark.parametrize(
    "key",
    [
        "../../etc/passwd",
        "../" + "a" * 29,
        "/etc/passwd",
        "",
        "abc",
        "A" * 32,
        "g" * 32,
        "a" * 33,
        "a" * 31 + "\n",
        "a" * 32 + "/../x",
        "aa/" + "a" * 29,
        None,
    ],
)
def test_keys_that_storage_never_makes_are_refused(storage, key):
    for operation in (storage.open, storage.delete, storage.exists):
        with pytest.raises(InvalidStorageKey):
            operation(key)


def test_storage_for_defaults_to_a_folder_in_the_instance_path(tmp_path):
    storage = storage_for({"UPLOAD_STORAGE": "local", "UPLOAD_FOLDER": None}, tmp_path)
    assert isinstance(storage, LocalStorage)
    assert storage.root == tmp_path / "uploads"


def test_storage_for_uses_the_configured_folder(tmp_path):
    storage = storage_for({"UPLOAD_STORAGE": "local", "UPLOAD_FOLDER": str(tmp_path / "elsewhere")}, "/unused")
    assert storage.root == Path(tmp_path / "elsewhere")


def test_storage_for_refuses_an_unknown_backend(tmp_path):
    with pytest.raises(ConfigurationError, match="UPLOAD_STORAGE"):
        storage_for({"UPLOAD_STORAGE": "s3"}, tmp_path)
