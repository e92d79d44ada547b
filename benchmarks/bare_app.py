"""A bare Flask app that answers every GET with one file's bytes: what the same gunicorn serves with no portal work.
The public-pages benchmark points BARE_PAGE at a page the portal served."""

import os
from pathlib import Path

from flask import Flask, Response

BODY = Path(os.environ["BARE_PAGE"]).read_bytes()
app = Flask(__name__)


@app.get("/", defaults={"path": ""})
@app.get("/<path:path>")
def page(path: str) -> Response:
    return Response(BODY, mimetype="text/html")
