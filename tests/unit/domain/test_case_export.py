"""The case list export's rows: pseudonyms that stay the same and reveal nothing, and text never run as a formula."""

import re
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from portal.domain.case_export import ExportCase, headings, pseudonym, row, safe_cell

SECRET = b"a secret only the council knows"


@given(st.integers(min_value=1, max_value=10**9))
def test_a_case_keeps_its_pseudonym_and_only_the_secret_gives_it(case_id):
    assert pseudonym(SECRET, case_id) == pseudonym(SECRET, case_id)
    assert pseudonym(SECRET, case_id) != pseudonym(SECRET, case_id + 1)
    assert pseudonym(b"another council's secret", case_id) != pseudonym(SECRET, case_id)
    assert re.fullmatch(r"P-[0-9A-F]{16}", pseudonym(SECRET, case_id))


def test_text_that_a_spreadsheet_would_run_is_kept_as_typed_but_made_text():
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("-2") == "'-2"
    assert safe_cell("Sam Brook") == "Sam Brook"
    assert safe_cell(None) == ""


def test_a_pseudonymised_row_has_no_personal_data():
    case = ExportCase(
        7, "ABC123", date(2027, 1, 4), "Complaint", "Statutory", "Stage 1", "Fostering", None, None, "", True,
        False, "Sam Brook", "sam@example.org", "07700 900000", ["Robin"], "Missed visits",
    )  # fmt: skip
    pseudonymised = row(case, personal=False, secret=SECRET)
    assert len(pseudonymised) == len(headings(personal=False))
    assert not {"ABC123", "Sam Brook", "sam@example.org", "07700 900000", "Robin", "Missed visits"} & set(pseudonymised)
    personal = row(case, personal=True, secret=SECRET)
    assert len(personal) == len(headings(personal=True))
    assert {"ABC123", "Sam Brook", "sam@example.org", "Robin"} <= set(personal)
