"""Uploads through a real multipart request: the app's settings, werkzeug's parsing and Attachment rows."""

import io
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import request
from flask.testing import EnvironBuilder
from sqlalchemy import select

from portal.data.database import db
from portal.data.models import Attachment
from portal.uploads import LocalStorage, UploadPolicy, accept_uploads, storage_for
from tests.unit.uploads import samples
from tests.unit.uploads.samples import MB


@pytest.fixture
def storage(app_context, tmp_path) -> LocalStorage:
    return storage_for({**app_context.config, "UPLOAD_FOLDER": str(tmp_path / "uploads")}, app_context.instance_path)


@contextmanager
def post_files(app, files: list[tuple[bytes, str]]):
    """A request context for a multipart POST of ``files`` to the field ``documents``, parsed by werkzeug.

    Built by hand so that the encoded body, spooled to a temporary file when large, is closed afterwards.
    """
    data = {"documents": [(io.BytesIO(content), name) for content, name in files]}
    builder = EnvironBuilder(app, "/", method="POST", data=data)
    environ = builder.get_environ()
    try:
        with app.request_context(environ):
            yield
    finally:
        builder.close()
        environ["wsgi.input"].close()


def test_the_settings_default_to_five_files_of_10mb_in_the_instance_folder(app_context):
    config = app_context.config
    assert UploadPolicy.from_config(config) == UploadPolicy(max_files=5, max_bytes=10 * MB)
    default = storage_for(config, app_context.instance_path)
    assert default.root == Path(app_context.instance_path) / "uploads"
    assert Path(app_context.static_folder) not in default.root.parents


def test_posted_files_become_attachment_rows_and_rejected_ones_leave_no_trace(app_context, storage):
    # A DOCX carries its save time, so build each sample once and compare the stored bytes with the same ones.
    letter, story = samples.pdf(), samples.docx()
    files = [
        (letter, "letter.pdf"),
        (story, "my story.docx"),
        (samples.windows_exe(), "letter2.pdf"),
        (samples.HTML, "page.pdf"),
        (samples.pdf() + b"\x00" * (11 * MB), "scan.pdf"),
    ]
    with post_files(app_context, files):
        outcome = accept_uploads(
            request.files.getlist("documents"), storage, UploadPolicy.from_config(app_context.config)
        )

    assert outcome.errors == [
        "‘letter2.pdf’ must be a PDF, JPG, PNG, HEIC, DOCX or TXT file",
        "‘page.pdf’ must be a PDF, JPG, PNG, HEIC, DOCX or TXT file",
        "‘scan.pdf’ must be smaller than 10MB",
    ]
    db.session.add_all(
        Attachment(
            filename=stored.filename,
            content_type=stored.content_type,
            size_bytes=stored.size_bytes,
            sha256=stored.sha256,
            storage_key=stored.storage_key,
        )
        for stored in outcome.stored
    )
    db.session.commit()

    rows = db.session.scalars(select(Attachment).order_by(Attachment.id)).all()
    assert [(row.filename, row.content_type) for row in rows] == [
        ("letter.pdf", "application/pdf"),
        ("my story.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ]
    assert [storage.open(row.storage_key) for row in rows] == [letter, story]
    assert sorted(path.name for path in storage.root.rglob("*") if path.is_file()) == sorted(
        row.storage_key for row in rows
    )


def test_a_sixth_file_is_refused_before_anything_is_stored(app_context, storage):
    files = [(samples.png(width=n + 1), f"drawing {n}.png") for n in range(6)]
    with post_files(app_context, files):
        outcome = accept_uploads(
            request.files.getlist("documents"), storage, UploadPolicy.from_config(app_context.config)
        )
    assert outcome.errors == ["You can only upload 5 files"]
    assert not storage.root.exists() or not any(path.is_file() for path in storage.root.rglob("*"))


def test_uploaded_files_cannot_be_fetched_by_url(client, storage):
    """Nothing is stored under static/, so neither the assets route nor a guessed path can serve a file."""
    with post_files(client.application, [(samples.pdf(), "letter.pdf")]):
        (stored,) = accept_uploads(
            request.files.getlist("documents"), storage, UploadPolicy.from_config(client.application.config)
        ).stored
    key = stored.storage_key
    for url in (f"/assets/{key}", f"/assets/uploads/{key[:2]}/{key}", f"/uploads/{key[:2]}/{key}"):
        assert client.get(url).status_code == 404
