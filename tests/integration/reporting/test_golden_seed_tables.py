"""Golden tests: histories imported through the CSV import reproduce seed reports' own tables exactly in the
generated annual report (flask report annual --format json).

- Bath and North East Somerset 2020-21 (seed 001): table 1 (carried over to carried forward) and table 4
  (categories and the percentage upheld).
- Sandwell 2022/23 (seed 004): table 1 (Stage 1 outcomes over five years), table 6 (repeat complainants) and
  table 7 (Stage 1 timescales met by quarter).
"""

from datetime import date, timedelta

from tests.integration.reporting.history import answered, import_and_report, row, spread

BANES_CATEGORIES = (
    # (category, Stage 1 complaints, upheld or partially upheld): B&NES table 4.
    ("Assessment, care management or review", 9, 4),
    ("Attitude or behaviour of staff", 11, 1),
    ("Concern about appropriateness of service", 6, 2),
    ("Concern about quality of the service", 27, 7),
    ("Delay in decision making or provision of a service", 5, 2),
    ("Unwelcome or disputed decision", 8, 4),
)


def _banes_history() -> list[dict]:
    categories = [(name, index < upheld) for name, number, upheld in BANES_CATEGORIES for index in range(number)]
    # Upheld ones first, so that they land on complaints that were answered.
    categories.sort(key=lambda item: not item[1])
    slots = iter(categories)

    def category(finding_allowed: bool) -> dict:
        name, upheld = next(slots)
        assert finding_allowed or not upheld
        return {"themes": name, "finding": "upheld" if upheld else "not_upheld"}

    rows = _banes_statutory(category)
    rows += _banes_corporate(category)
    # Representations: four comments, each answered.
    for index, received in enumerate(spread(date(2020, 5, 1), date(2021, 1, 10), 4)):
        done = received + timedelta(days=7)
        rows.append(
            row(f"R-{index}", received, "comment", stage_1_completed_on=done, closed_on=done, closing_reason="resolved")
        )
    assert next(slots, None) is None
    return rows


def _banes_statutory(category) -> list[dict]:
    rows = []
    # Stage 1 statutory: 5 carried over from 2019-20 and answered in 2020-21.
    for index, received in enumerate(spread(date(2020, 3, 2), date(2020, 3, 20), 5)):
        rows.append(answered(f"S-CO-{index}", received, days=35))
    statutory = spread(date(2020, 4, 6), date(2021, 2, 15), 41)
    for index, received in enumerate(statutory):
        key = f"S-{index}"
        if index >= 35:  # withdrawn before an answer: not pursued
            rows.append(row(key, received, closed_on=received + timedelta(days=5), closing_reason="withdrawn"))
            continue
        if index >= 29:  # closed as outside the procedure's scope
            chosen = category(False)
            rows.append(
                row(
                    key,
                    received,
                    themes=chosen["themes"],
                    closed_on=received + timedelta(3),
                    closing_reason="outside_scope",
                )
            )
            continue
        chosen = category(True)
        done = received + timedelta(days=10)
        if index < 10:  # went on to Stage 2
            rows.append(_statutory_stage_2(key, received, done, index, chosen))
        elif index < 13:  # went to the Ombudsman after Stage 1
            decided = {"ombudsman_decision": "no_fault", "ombudsman_decided_on": done + timedelta(40)}
            rows.append(
                answered(
                    key,
                    received,
                    chosen["finding"],
                    themes=chosen["themes"],
                    ombudsman_received_on=done + timedelta(30),
                    ombudsman_status="investigation",
                    **(decided if index < 12 else {}),
                )
            )
        else:
            rows.append(answered(key, received, chosen["finding"], themes=chosen["themes"]))
    return rows


def _banes_corporate(category) -> list[dict]:
    # Stage 1 corporate: 1 carried over, 44 received.
    rows = []
    rows.append(answered("C-CO-0", date(2020, 3, 16), procedure="corporate", days=35))
    for index, received in enumerate(spread(date(2020, 4, 6), date(2021, 3, 1), 44)):
        key = f"C-{index}"
        if index >= 40:  # still being answered on 31 March 2021: carried forward
            rows.append(row(key, received, "corporate"))
        elif index >= 37:
            rows.append(row(key, received, "corporate", closed_on=received + timedelta(4), closing_reason="withdrawn"))
        elif index >= 31:
            rows.append(
                row(key, received, "corporate", closed_on=received + timedelta(4), closing_reason="outside_scope")
            )
        else:
            chosen = category(True)
            if index < 3:
                rows.append(_corporate_stage_2(key, received, index, chosen))
            else:
                rows.append(answered(key, received, chosen["finding"], procedure="corporate", themes=chosen["themes"]))
    return rows


def _statutory_stage_2(key, received, done, index, chosen) -> dict:
    requested = done + timedelta(days=10)
    values = {"stage_2_requested_on": requested}
    if index < 5:  # adjudicated: resolved at Stage 2; the first goes on to a review panel
        sent = requested + timedelta(days=60)
        values |= {"stage_2_terms_agreed_on": requested + timedelta(5), "stage_2_response_sent_on": sent}
        values |= {"stage_2_closed_on": sent + timedelta(3), "closed_on": sent + timedelta(3)}
        if index == 0:
            panel = sent + timedelta(days=10)
            values |= {
                "stage_3_requested_on": panel,
                "stage_3_panel_held_on": panel + timedelta(20),
                "stage_3_findings_received_on": panel + timedelta(25),
                "stage_3_response_sent_on": panel + timedelta(35),
                "closed_on": panel + timedelta(36),
            }
    elif index < 8:  # withdrawn during Stage 2: not pursued
        values |= {"closed_on": requested + timedelta(10), "closing_reason": "withdrawn"}
    else:  # still being investigated on 31 March 2021
        values |= {"stage_2_terms_agreed_on": requested + timedelta(5), "closed_on": "", "closing_reason": ""}
    return answered(key, received, chosen["finding"], themes=chosen["themes"], **values)


def _corporate_stage_2(key, received, index, chosen) -> dict:
    done = received + timedelta(days=10)
    requested = done + timedelta(days=10)
    values = {"stage_2_requested_on": requested}
    if index < 2:
        sent = requested + timedelta(days=25)
        values |= {"stage_2_terms_agreed_on": requested + timedelta(3), "stage_2_response_sent_on": sent}
        values |= {"closed_on": sent}
    else:
        values |= {"closed_on": requested + timedelta(8), "closing_reason": "withdrawn"}
    return answered(key, received, chosen["finding"], procedure="corporate", themes=chosen["themes"], **values)


def test_bath_and_north_east_somersets_tables_1_and_4(cli_runner, tmp_path):
    tables = import_and_report(cli_runner, tmp_path, _banes_history(), "2020-04-01", "2021-03-31")

    table_1 = tables["table_1"]
    assert table_1["columns"][1:] == [
        "Carried over from 2019/20",
        "Received 2020/21",
        "Resolved",
        "Outside scope",
        "Not pursued",
        "Carried forward to 2021/22",
    ]
    assert table_1["rows"] == [
        ["Representation", 0, 4, 4, 0, 0, 0],
        ["Stage 1 (Statutory Procedure)", 5, 41, 34, 6, 6, 0],
        ["Stage 1 (Corporate Procedure)", 1, 44, 32, 6, 3, 4],
        ["Stage 2 (Statutory Procedure)", 0, 10, 5, 0, 3, 2],
        ["Stage 2 (Corporate Procedure)", 0, 3, 2, 0, 1, 0],
        ["Stage 3 (Statutory Procedure only)", 0, 1, 1, 0, 0, 0],
        ["Referral to Ombudsman", 0, 3, 2, 0, 0, 1],
    ]
    assert table_1["total"] == ["Total", 6, 106, 80, 12, 13, 7]

    assert tables["categories"]["rows"] == [
        ["Assessment, care management or review", 9, "14%", 4, "44%"],
        ["Attitude or behaviour of staff", 11, "17%", 1, "9%"],
        ["Concern about appropriateness of service", 6, "9%", 2, "33%"],
        ["Concern about quality of the service", 27, "41%", 7, "26%"],
        ["Delay in decision making or provision of a service", 5, "7%", 2, "40%"],
        ["Unwelcome or disputed decision", 8, "12%", 4, "50%"],
    ]
    # The seed's total row says 21 (32%), but its own rows add up to 20: the report adds up its rows.
    assert tables["categories"]["total"] == ["Total", 66, "100%", 20, "30%"]


SANDWELL_YEARS = (
    # (reporting year starting, Stage 1 complaints, upheld or partly upheld): Sandwell table 1.
    (2022, 241, 155),
    (2021, 205, 135),
    (2020, 213, 134),
    (2019, 270, 198),
    (2018, 263, 144),
)
# Sandwell table 7: (met, missed) in each quarter of 2022/23.
SANDWELL_QUARTERS = ((50, 9), (55, 8), (58, 11), (48, 2))
# Sandwell table 6: (people, complaints each).
SANDWELL_REPEATS = ((10, 2), (9, 3), (1, 4), (2, 5), (3, 6))


def _sandwell_history() -> list[dict]:
    rows = []
    for year, number, upheld in SANDWELL_YEARS[1:]:
        days = spread(date(year, 4, 3), date(year + 1, 3, 20), number)
        for index, received in enumerate(days):
            finding = "partially_upheld" if index < upheld else "not_upheld"
            rows.append(answered(f"{year}-{index}", received, finding))
    # 2022/23: each quarter's complaints answered in time (before the due date the row gives) or late.
    complainants = [
        f"repeat{n}-{p}@example.com"
        for p, (people, made) in enumerate(SANDWELL_REPEATS)
        for n in range(people)
        for _ in range(made)
    ]
    quarter_starts = (date(2022, 4, 1), date(2022, 7, 1), date(2022, 10, 1), date(2023, 1, 1))
    index = 0
    for start, (met, missed) in zip(quarter_starts, SANDWELL_QUARTERS, strict=True):
        days = spread(start + timedelta(days=2), start + timedelta(days=85), met + missed)
        for position, received in enumerate(days):
            due = received + timedelta(days=28)
            done = received + timedelta(days=14) if position < met else due + timedelta(days=3)
            email = complainants[index] if index < len(complainants) else f"person{index}@example.com"
            rows.append(
                answered(
                    f"2022-{index}",
                    received,
                    "upheld" if index < 155 else "not_upheld",
                    days=(done - received).days,
                    stage_1_due_on=due,
                    complainant_role="parent",
                    complainant_email=email.upper() if index % 2 else email,
                )
            )
            index += 1
    assert index == 241
    return rows


def test_sandwells_tables_1_6_and_7(cli_runner, tmp_path):
    tables = import_and_report(cli_runner, tmp_path, _sandwell_history(), "2022-04-01", "2023-03-31")

    assert tables["stage_1_outcomes"]["rows"] == [
        ["2022/23", 241, 155, "64%"],
        ["2021/22", 205, 135, "66%"],
        ["2020/21", 213, 134, "63%"],
        ["2019/20", 270, 198, "73%"],
        ["2018/19", 263, 144, "55%"],
    ]
    assert tables["repeat_complainants"]["rows"] == [[10, 2], [9, 3], [1, 4], [2, 5], [3, 6]]
    assert tables["stage_1_timescales"]["rows"] == [
        ["Timescale met", 50, 55, 58, 48, 211, "88%"],
        ["Timescale missed", 9, 8, 11, 2, 30, "12%"],
    ]
