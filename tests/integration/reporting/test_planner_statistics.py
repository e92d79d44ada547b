"""On SQLite the reports gather the query planner's statistics when they never were, and again only once the cases
have grown tenfold since (portal.data.queries.reports.keep_planner_statistics)."""

import pytest
from sqlalchemy import text

from portal.data.database import db
from portal.data.queries.reports import keep_planner_statistics
from tests.integration.casework.conftest import make_case


def _cases_counted() -> int | None:
    return db.session.scalar(text("SELECT max(CAST(stat AS INTEGER)) FROM sqlite_stat1 WHERE tbl = 'cases'"))


def test_statistics_are_gathered_at_first_and_again_after_tenfold_growth(app_context):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL keeps its own statistics")
    keep_planner_statistics()  # so that the statistics table is there to empty: as if never gathered
    db.session.execute(text("DELETE FROM sqlite_stat1"))
    for _ in range(2):
        make_case()
    db.session.commit()

    keep_planner_statistics()
    assert _cases_counted() == 2

    for _ in range(18):
        make_case()
    db.session.commit()
    keep_planner_statistics()
    assert _cases_counted() == 2, "20 cases are not more than ten times 2"

    make_case()
    db.session.commit()
    keep_planner_statistics()
    assert _cases_counted() == 21
