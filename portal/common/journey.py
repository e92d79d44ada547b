"""A multi-page form as an ordered list of pages, some shown only when earlier answers call for them.

Pure Python: which page comes next, which came before, and whether every page that applies has been
answered. The web layer stores the answers and renders the pages.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

Answers = Mapping[str, Any]

CHECK_ANSWERS = "check-answers"


@dataclass(frozen=True)
class Page:
    """One question page. `fields` are the answer keys it writes; `applies` decides whether it is shown."""

    slug: str
    fields: tuple[str, ...]
    applies: Callable[[Answers], bool] = field(default=lambda answers: True)
    optional: bool = False

    def is_answered(self, answers: Answers) -> bool:
        return self.optional or any(name in answers for name in self.fields)


@dataclass(frozen=True)
class Journey:
    name: str
    pages: tuple[Page, ...]

    def page(self, slug: str) -> Page | None:
        return next((page for page in self.pages if page.slug == slug), None)

    def pages_that_apply(self, answers: Answers) -> list[Page]:
        return [page for page in self.pages if page.applies(answers)]

    def first_page(self) -> Page:
        return self.pages[0]

    def next_slug(self, slug: str, answers: Answers) -> str:
        """The page after `slug` that applies to these answers, or the check-answers page at the end."""
        slugs = [page.slug for page in self.pages]
        for page in self.pages[slugs.index(slug) + 1 :]:
            if page.applies(answers):
                return page.slug
        return CHECK_ANSWERS

    def previous_slug(self, slug: str, answers: Answers) -> str | None:
        """The page before `slug` that applies, or None on the first page. `slug` may be the check-answers page."""
        applying = self.pages_that_apply(answers)
        if slug == CHECK_ANSWERS:
            return applying[-1].slug if applying else None
        slugs = [page.slug for page in self.pages]
        for page in reversed(self.pages[: slugs.index(slug)]):
            if page.applies(answers):
                return page.slug
        return None

    def first_unanswered(self, answers: Answers) -> Page | None:
        return next((page for page in self.pages_that_apply(answers) if not page.is_answered(answers)), None)

    def after_change(self, answers: Answers) -> str:
        """Where to go after changing an answer from the check-answers page: a page the change newly calls for,
        or back to checking."""
        unanswered = self.first_unanswered(answers)
        return unanswered.slug if unanswered else CHECK_ANSWERS

    def may_visit(self, slug: str, answers: Answers) -> bool:
        """A page can be opened when it applies and every page before it that applies has been answered."""
        for page in self.pages_that_apply(answers):
            if page.slug == slug:
                return True
            if not page.is_answered(answers):
                return False
        return slug == CHECK_ANSWERS

    def relevant_answers(self, answers: Answers) -> dict[str, Any]:
        """Drops answers to pages that no longer apply, so a changed route never sends stale answers."""
        keep = {name for page in self.pages_that_apply(answers) for name in page.fields}
        return {name: value for name, value in answers.items() if name in keep}
