"""Prints the test counts of the SQLite run, the PostgreSQL run and the browser tests from pytest's JUnit XML."""

import sys
import xml.etree.ElementTree as ET


def counts(path: str, browser_only: bool = False) -> tuple[int, int, int]:
    passed = failed = skipped = 0
    for case in ET.parse(path).iter("testcase"):
        if browser_only and ".browser." not in case.get("classname", ""):
            continue
        outcome = {child.tag for child in case}
        if outcome & {"failure", "error"}:
            failed += 1
        elif "skipped" in outcome:
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped


def main(sqlite_xml: str, postgresql_xml: str) -> int:
    runs = {
        "SQLite run": counts(sqlite_xml),
        "PostgreSQL run": counts(postgresql_xml),
        "Browser tests (in the SQLite run)": counts(sqlite_xml, browser_only=True),
        "Browser tests (in the PostgreSQL run)": counts(postgresql_xml, browser_only=True),
    }
    for name, (passed, failed, skipped) in runs.items():
        print(f"{name}: {passed} passed, {failed} failed, {skipped} skipped")
    total_passed = runs["SQLite run"][0] + runs["PostgreSQL run"][0]
    total_failed = runs["SQLite run"][1] + runs["PostgreSQL run"][1]
    browser_runs = ("Browser tests (in the SQLite run)", "Browser tests (in the PostgreSQL run)")
    if any(runs[name][0] == 0 for name in browser_runs) or runs["PostgreSQL run"][0] == 0:
        print("A run executed no tests: that is a failure of the test set-up.")
        total_failed += 1
    print(f"Total: {total_passed} passed, {total_failed} failed")
    return 1 if total_failed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
