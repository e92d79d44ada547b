"""safe_display_name: names are only shown and offered as download names, never used as paths."""

import pytest

from portal.uploads.names import MAX_NAME_LENGTH, safe_display_name


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("../../etc/passwd", "passwd.pdf"),
        ("..\\..\\windows\\system32\\cmd.exe", "cmd.pdf"),
        ("C:\\Users\\Sam\\Documents\\letter.pdf", "letter.pdf"),
        ("\uff0fetc\uff0fletter.pdf", "letter.pdf"),  # full-width solidus, folded to "/" by NFKC
        (".htaccess", "htaccess.pdf"),
        ("...", "upload.pdf"),
        ("", "upload.pdf"),
        ("<b>bold</b>.pdf", "b.pdf"),  # "/" splits off a folder, then "<" and ">" go
        ('say "hi" & <wave>.pdf', "say hi wave.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.pdf"),  # right-to-left override removed
        ("zero\u200bwidth.pdf", "zerowidth.pdf"),
        ("Rene\u200b\u0301e.pdf", "Renée.pdf"),  # accent rejoins its letter once the invisible space goes
        ("line\nbreak\t.pdf", "linebreak.pdf"),
        ("CON.pdf", "_CON.pdf"),
        ("lpt1", "_lpt1.pdf"),
        ("Mum's   letter (final).pdf", "Mums letter (final).pdf"),
        ("notes v2.1", "notes v2.1.pdf"),
        ("report.pdf.exe", "report.pdf"),
        ("report.exe", "report.pdf"),
        ("report.PDF", "report.PDF"),
    ],
)
def test_names_are_cleaned_and_end_with_the_detected_extension(filename, expected):
    assert safe_display_name(filename, "pdf") == expected


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("Łucja's drawing.png", "Łucjas drawing.png"),
        ("محمد.png", "محمد.png"),
        ("Zoe\u0308.png", "Zoë.png"),  # decomposed diaeresis composed by NFKC
        ("ｄｒａｗｉｎｇ.png", "drawing.png"),  # full-width letters
        ("🎨 my picture.png", "my picture.png"),
    ],
)
def test_letters_from_any_script_are_kept(filename, expected):
    assert safe_display_name(filename, "png") == expected


def test_an_alias_of_the_extension_is_kept():
    assert safe_display_name("holiday.JPEG", "jpg", ("jpeg", "jpe")) == "holiday.JPEG"
    assert safe_display_name("holiday.png", "jpg", ("jpeg",)) == "holiday.jpg"


def test_long_names_are_cut_to_100_characters_keeping_the_extension():
    name = safe_display_name("a" * 500 + ".docx", "docx")
    assert len(name) == MAX_NAME_LENGTH
    assert name.endswith("a.docx")


def test_cutting_never_leaves_a_space_or_dot_before_the_extension():
    name = safe_display_name("a" * 95 + " " + "b" * 20, "pdf")
    assert name == "a" * 95 + ".pdf"


def test_without_an_extension_the_own_extension_is_kept_for_messages():
    assert safe_display_name("../letter.pdf") == "letter.pdf"
    assert safe_display_name("x" * 300 + ".pdf") == "x" * 96 + ".pdf"
    assert safe_display_name("...") == ""
