"""Answers that complete the children's journey for each of the five choices, page by page, as a browser posts them."""

SOMETHING_WRONG = "something_wrong"
WORRIED = "worried"
IDEA = "idea"
THANK_YOU = "thank_you"
SPEAK_UP = "speak_up"
CHOICES = [SOMETHING_WRONG, WORRIED, IDEA, THANK_YOU, SPEAK_UP]

WORDS = {
    SOMETHING_WRONG: "My pocket money is late every week.",
    WORRIED: "I do not know when I can see my brother.",
    IDEA: "We should have a games night at the youth club.",
    THANK_YOU: "Lee helped me with my homework.",
    SPEAK_UP: "",
}


def child_pages(choice: str, theme_ids: list[str], words: str | None = None, **overrides) -> list[tuple[str, dict]]:
    """The pages this choice sees, in order, with simple answers. `overrides` replace a page's answers by slug."""
    words = WORDS[choice] if words is None else words
    pages: list[tuple[str, dict]] = [
        ("what-to-do", {"choice": choice}),
        ("what-about", {"themes": theme_ids[:2]}),
        ("your-words", {"words": words}),
        ("add-a-picture", {}),
    ]
    if choice != SPEAK_UP:
        pages.append(("how-do-you-feel", {"feeling": "happy" if choice == THANK_YOU else "sad"}))
    if choice in (SOMETHING_WRONG, WORRIED, IDEA):
        pages.append(("make-it-better", {"better": "I would like to know what is going on."}))
        pages.append(("advocate", {"wants_advocate": "yes" if choice == SOMETHING_WRONG else "no"}))
    pages += [
        ("your-name", {"nickname": "Kit"}),
        ("your-age", {"age": "12"}),
        ("in-care", {"care": "in_care"}),
        ("your-worker", {"worker": "Sam"}),
    ]
    if choice in (THANK_YOU, IDEA):
        pages.append(("get-in-touch", {"contact_method": "no_contact" if choice == THANK_YOU else "via_worker"}))
    else:
        pages.append(("get-in-touch", {"contact_method": "text"}))
        pages.append(("contact-details", {"phone": "07700 900123", "email": "", "safe_times": "After school"}))
    return [(slug, overrides.get(slug, answers)) for slug, answers in pages]
