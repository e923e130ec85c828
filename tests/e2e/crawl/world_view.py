"""What the crawl knows about the world it walks (tests/world.py at size 2, one application in each
state per company): whose strings each role must never be shown, and where the forms are.

Company A ("한빛은행", Hanbit Bank) is the company whose CISO and staff crawl; company B ("누리증권",
Nuri Securities) has the same kinds of data, and none of its names may ever reach A's users. The
reviewer and advisor sit on the panels of both; the reviewer declared a conflict with the companies C,
whose applications under review must stay out of their sight.
"""

from dataclasses import dataclass, field

from tests.factories import CompanyFactory
from tests.world import S, World, build_world

A = {"name_ko": "한빛은행", "name_en": "Hanbit Bank", "ciso_name": "김보안"}
B = {"name_ko": "누리증권", "name_en": "Nuri Securities", "ciso_name": "이정보", "sector": "securities"}


@dataclass
class CrawlWorld:
    world: World
    # Strings of company B (and C) that a user of company A must never be shown.
    foreign_strings: frozenset[str] = field(default_factory=frozenset)
    # Text stored in the data set on purpose (user data), which may be English on Korean pages.
    data_strings: frozenset[str] = field(default_factory=frozenset)
    # Names of the companies C, with which the reviewer declared a conflict: never on their work pages.
    conflicted_strings: frozenset[str] = field(default_factory=frozenset)
    # Company A's application pages in every state, its review, panel and decision pages, a filed
    # report: where the forms are (a crawl that takes two pages of a kind may miss some).
    key_urls: list[str] = field(default_factory=list)
    foreign_urls: list[str] = field(default_factory=list)  # the same pages of company B

    @property
    def company_a(self):
        return self.world.companies[0].company

    @property
    def letters_a(self):
        return self.world.companies[0].letters

    def client_for(self, client, role: str):
        return self.world.client_for(client, role)


def _key_urls(company) -> list[str]:
    apps = company.applications
    panels = [apps[S.UNDER_REVIEW], apps[S.SCREENED]]
    interim, letter, draft = company.reports[0], company.letter, apps[S.DRAFT]
    return [
        *(f"/applications/{a.pk}/" for a in apps.values()),
        *(f"/applications/{a.pk}/{page}/" for a in panels for page in ("review", "assignments", "decision")),
        f"/reports/{interim.pk}/", f"/reports/letters/{letter.reference}/", f"/reports/{interim.pk}/edit/",
        f"/reports/letters/{letter.reference}/new/?kind=final", f"/letters/{letter.reference}/pdf/",
        f"/applications/{draft.pk}/edit/scope/", f"/applications/{draft.pk}/documents/{draft.documents.first().pk}/",
        f"/applications/{draft.pk}/transitions/withdraw/",
    ]


def crawl_world() -> CrawlWorld:
    world = build_world(2, companies=[A, B], copies=1)
    for n in range(8):  # a registry long enough to have more than one row of each kind
        CompanyFactory(name_ko=f"가온금융{n}", name_en=f"Gaon Financial {n}")
    company_a, company_b = world.companies
    conflicted = {name for c in world.conflicted for name in (c.company.name_ko, c.company.name_en)}
    foreign = {company_b.company.name_ko, company_b.company.name_en, company_b.company.brn,
               company_b.ciso.username, company_b.staff.username,
               *conflicted, *(c.company.brn for c in world.conflicted),
               *(letter.reference for letter in company_b.letters)}
    return CrawlWorld(world=world, foreign_strings=frozenset(foreign),
                      data_strings=frozenset({"Claude", "Anthropic"}), conflicted_strings=frozenset(conflicted),
                      key_urls=_key_urls(company_a), foreign_urls=_key_urls(company_b))
