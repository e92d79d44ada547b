"""A long file name wraps on a 320 pixel wide screen instead of pushing the page sideways."""

from playwright.sync_api import Page

from tests.integration.intake.journey_data import complaint_pages

LONG_NAME = "Letter_from_the_social_worker_about_family_time_arrangements_for_the_whole_of_2026_final_v3.pdf"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_a_long_file_name_wraps_on_a_small_screen(page: Page, live_server, team_id):
    pages = dict(complaint_pages(team_id))
    before = [
        ("who-are-you", pages["who-are-you"]),
        ("about-a-child", {"about_child": "no"}),
        ("what-happened", pages["what-happened"]),
        ("when-it-happened", {"happened_when": "Last spring"}),
        ("team", pages["team"]),
        ("put-it-right", pages["put-it-right"]),
        ("raised-before", pages["raised-before"]),
    ]
    for slug, form in before:
        assert page.request.post(f"{live_server}/complaint/{slug}", form=form, max_redirects=0).status == 302, slug
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{live_server}/complaint/documents")
    page.set_input_files("#documents", files=[{"name": LONG_NAME, "mimeType": "application/pdf", "buffer": PDF}])
    page.click("button[name=upload]")
    assert LONG_NAME in page.locator("#files-added").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
