"""The reports' pages: the dashboard, the annual report (HTML, DOCX, PDF) and its words, the census figures, and the
case history import for administrators. Every page is audited as viewed; each carries the roles that may open it."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.common.clock import uk_today
from portal.common.roles import roles_required
from portal.common.sanitise import clean_html
from portal.common.staff_menu import may_open
from portal.data import transaction
from portal.data.queries import audit, report_texts
from portal.data.queries import reports as q
from portal.data.queries.settings import council_settings
from portal.domain.reporting import ETHNIC_GROUPS, ReportPeriod, default_period
from portal.domain.types import StaffRole
from portal.reporting import bp, charts, documents, importing
from portal.reporting.annual import AnnualReport, annual_report
from portal.reporting.dashboard import dashboard as build_dashboard
from portal.reporting.forms import ImportForm, PeriodForm, WordsForm, census_form
from portal.reporting.tables import cell_text

# Staff with reporting rights see the dashboard and the annual report.
REPORT_ROLES = (
    StaffRole.COMPLAINTS_MANAGER,
    StaffRole.COMPLAINTS_OFFICER,
    StaffRole.LEARNING_LEAD,
    StaffRole.REPORT_VIEWER,
)
# Those who write the report's words and keep the census figures.
REPORT_WRITERS = (StaffRole.COMPLAINTS_MANAGER, StaffRole.REPORT_VIEWER)
reporting_staff = roles_required(*REPORT_ROLES)
report_writers = roles_required(*REPORT_WRITERS)

SECTIONS = (
    ("reporting.dashboard", "Dashboard"),
    ("reporting.annual", "Annual report"),
    ("reporting.census", "Census figures"),
    ("reporting.import_cases", "Import case history"),
)


def _render(template: str, **context):
    sections = [
        {"href": url_for(endpoint), "text": text, "current": request.endpoint == endpoint}
        for endpoint, text in SECTIONS
        if may_open(current_user, endpoint)
    ]
    return render_template(template, sections=sections, chart_svg=charts.svg, cell_text=cell_text, **context)


def _viewed(what: str, **detail) -> None:
    audit.record(current_user.id, what, detail=detail or None)
    transaction.commit()


def _period() -> tuple[ReportPeriod, PeriodForm]:
    form = PeriodForm(request.args)
    period = default_period(uk_today())
    if not request.args or not form.validate():
        return period, form
    first, last = form.dates()
    return ReportPeriod(first or period.first_day, last or period.last_day), form


def _period_args(period: ReportPeriod) -> dict:
    return {"first_day": period.first_day.isoformat(), "last_day": period.last_day.isoformat()}


@bp.get("")
@reporting_staff
def dashboard():
    _viewed("dashboard_viewed")
    return _render("reporting/dashboard.html", title="Dashboard", board=build_dashboard(uk_today()))


def _examples(report: AnnualReport) -> dict:
    compliments = [c.anonymised_text for c in q.compliments_chosen(report.texts.compliment_ids)]
    records = q.learning_records_chosen([example["record_id"] for example in report.texts.learning_examples])
    learning = [
        {"category": records[ex["record_id"]].category.name, "learning": records[ex["record_id"]].summary, **ex}
        for ex in report.texts.learning_examples
        if ex["record_id"] in records
    ]
    for example in learning:
        example.setdefault("complaint", example["category"])
    return {"compliments": compliments, "learning": learning}


@bp.get("/annual")
@reporting_staff
def annual():
    period, form = _period()
    report = annual_report(period)
    _viewed("annual_report_viewed", **_period_args(period))
    return _render(
        "reporting/annual.html",
        title=f"Annual report {period.label}",
        report=report,
        form=form,
        page_has_errors=bool(form.errors),
        examples=_examples(report),
        period_args=_period_args(period),
        may_write=current_user.role in REPORT_WRITERS,
    )


@bp.get("/annual.docx")
@reporting_staff
def annual_docx():
    period, _ = _period()
    report = annual_report(period)
    data = documents.docx_bytes(report, _council_name(), _examples(report))
    _viewed("annual_report_exported", format="docx", **_period_args(period))
    return _download(data, f"annual-report-{period.first_day}-{period.last_day}.docx", DOCX_TYPE)


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@bp.get("/annual.pdf")
@reporting_staff
def annual_pdf():
    period, _ = _period()
    report = annual_report(period)
    html = render_template(
        "reporting/annual_print.html",
        report=report,
        examples=_examples(report),
        council_name=_council_name(),
        chart_svg=charts.svg,
        cell_text=cell_text,
    )
    data = documents.pdf_bytes(html, request.url_root)
    _viewed("annual_report_exported", format="pdf", **_period_args(period))
    return _download(data, f"annual-report-{period.first_day}-{period.last_day}.pdf", "application/pdf")


def _council_name() -> str:
    return council_settings().name


def _download(data: bytes, name: str, mimetype: str) -> Response:
    return Response(data, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/annual/words", methods=["GET", "POST"])
@report_writers
def annual_words():
    period, _ = _period()
    saved = report_texts.words_for(period)
    compliments = q.compliment_examples(period)
    records = q.learning_records(period)
    form = WordsForm(
        data={
            "introduction": saved.introduction,
            "commentary": saved.commentary,
            "learning_text": saved.learning_text,
            "compliments": [str(i) for i in saved.compliment_ids],
            "learning": [str(example["record_id"]) for example in saved.learning_examples],
        }
        if request.method == "GET"
        else None
    )
    form.compliments.choices = [(str(c.id), c.anonymised_text) for c in compliments]
    form.learning.choices = [(str(r.id), f"{r.category.name}: {r.summary}") for r in records]
    if form.validate_on_submit():
        words = report_texts.ReportWords(
            introduction=clean_html(form.introduction.data or ""),
            commentary=clean_html(form.commentary.data or ""),
            learning_text=clean_html(form.learning_text.data or ""),
            compliment_ids=[int(i) for i in form.compliments.data or []],
            learning_examples=[{"record_id": int(i)} for i in form.learning.data or []],
        )
        report_texts.save_words(period, words, current_user.id)
        audit.record(current_user.id, "annual_report_words_saved", detail=_period_args(period))
        transaction.commit()
        flash("The report's words and examples are saved", "success")
        return redirect(url_for("reporting.annual", **_period_args(period)))
    if request.method == "GET":
        _viewed("annual_report_words_viewed", **_period_args(period))
    return _render(
        "reporting/words.html",
        title=f"Words and examples for {period.label}",
        form=form,
        page_has_errors=bool(form.errors),
        period_args=_period_args(period),
    )


@bp.route("/census", methods=["GET", "POST"])
@report_writers
def census():
    default_year = default_period(uk_today()).first_day.year
    year = request.args.get("year", type=int) or default_year
    if not 2000 <= year <= 2100:
        abort(404)
    form = census_form(report_texts.census_for(year))
    if form.validate_on_submit():
        figures = {key: form[key].data for key, _ in ETHNIC_GROUPS}
        report_texts.save_census(year, figures, current_user.id)
        audit.record(current_user.id, "census_figures_saved", detail={"year": year})
        transaction.commit()
        flash(f"Census figures for {year} to {year + 1} saved", "success")
        return redirect(url_for("reporting.census", year=year))
    if request.method == "GET":
        _viewed("census_figures_viewed", year=year)
    return _render(
        "reporting/census.html",
        title="Children in Need census figures",
        form=form,
        page_has_errors=bool(form.errors),
        year=year,
        years=sorted({*report_texts.census_years(), default_year, year}, reverse=True),
        groups=ETHNIC_GROUPS,
    )


@bp.route("/import", methods=["GET", "POST"])
@roles_required(StaffRole.ADMINISTRATOR)
def import_cases():
    form = ImportForm()
    result = summary = None
    if form.validate_on_submit():
        upload = form.file.data
        data = upload.read(importing.MAX_UPLOAD_BYTES + 1) if upload else b""
        text = importing.decode(data) if data else None
        if not data:
            form.file.errors = ["Select a CSV file"]
        elif len(data) > importing.MAX_UPLOAD_BYTES:
            form.file.errors = ["The file must be smaller than 50 MB"]
        elif text is None:
            form.file.errors = ["The file must be a CSV file saved as UTF-8 text"]
        else:
            result = importing.check_file(text, uk_today())
            if result.ok:
                summary = importing.import_checked(result, current_user.id, upload.filename or "upload.csv")
                flash(
                    f"Imported {summary.cases} cases and {summary.compliments} compliments; "
                    f"{summary.already_imported} rows had been imported before and were left alone",
                    "success",
                )
                return redirect(url_for("reporting.import_cases"))
    elif request.method == "GET":
        _viewed("import_page_viewed")
    return _render(
        "reporting/import.html",
        title="Import case history",
        form=form,
        page_has_errors=bool(form.errors),
        result=result,
    )
