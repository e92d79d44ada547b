"""What staff keep for the reports besides the cases: the words and chosen examples of each annual report, and the
Children in Need census figures per year."""

from dataclasses import dataclass, field

from sqlalchemy import select

from portal.data.database import db
from portal.data.report_models import AnnualReportText, CensusFigure
from portal.domain.reporting import ReportPeriod


@dataclass(frozen=True)
class ReportWords:
    introduction: str = ""
    learning_text: str = ""
    commentary: str = ""
    compliment_ids: list[int] = field(default_factory=list)
    learning_examples: list[dict] = field(default_factory=list)


def _saved(period: ReportPeriod) -> AnnualReportText | None:
    return db.session.scalar(
        select(AnnualReportText).where(
            AnnualReportText.first_day == period.first_day, AnnualReportText.last_day == period.last_day
        )
    )


def words_for(period: ReportPeriod) -> ReportWords:
    saved = _saved(period)
    if saved is None:
        return ReportWords()
    return ReportWords(
        introduction=saved.introduction,
        learning_text=saved.learning_text,
        commentary=saved.commentary,
        compliment_ids=list(saved.compliment_ids or []),
        learning_examples=list(saved.learning_examples or []),
    )


def save_words(period: ReportPeriod, words: ReportWords, user_id: int) -> None:
    """Keeps the words for ``period`` (the caller commits)."""
    saved = _saved(period)
    if saved is None:
        saved = AnnualReportText(first_day=period.first_day, last_day=period.last_day)
        db.session.add(saved)
    saved.introduction, saved.learning_text, saved.commentary = (
        words.introduction,
        words.learning_text,
        words.commentary,
    )
    saved.compliment_ids = list(words.compliment_ids)
    saved.learning_examples = list(words.learning_examples)
    saved.updated_by_id = user_id


def census_for(year: int) -> dict[str, int]:
    """The census figures of the reporting year starting in ``year``, by ethnic group."""
    query = select(CensusFigure.ethnic_group, CensusFigure.children).where(CensusFigure.year == year)
    return {group: children for group, children in db.session.execute(query)}


def census_years() -> list[int]:
    return list(db.session.scalars(select(CensusFigure.year).distinct().order_by(CensusFigure.year.desc())))


def save_census(year: int, figures: dict[str, int | None], user_id: int) -> None:
    """Keeps the census figures for ``year``: a group left empty is removed (the caller commits)."""
    existing = {
        row.ethnic_group: row for row in db.session.scalars(select(CensusFigure).where(CensusFigure.year == year))
    }
    for group, children in figures.items():
        row = existing.get(group)
        if children is None:
            if row is not None:
                db.session.delete(row)
            continue
        if row is None:
            row = CensusFigure(year=year, ethnic_group=group)
            db.session.add(row)
        row.children, row.updated_by_id = children, user_id
