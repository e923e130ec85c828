import pytest
from django.template import Context, Template
from django.utils import translation

from portal.common.money import krw_digits, krw_words

JO = 10**12


@pytest.mark.parametrize(
    ("amount", "korean", "english"),
    [
        (12_345_678_901_234, "약 12조 3,456억 원", "approx. KRW 12.3 trillion"),
        (12 * JO + 3_456 * 10**8, "12조 3,456억 원", "approx. KRW 12.3 trillion"),
        (12 * JO + 3 * 10**11, "12조 3,000억 원", "KRW 12.3 trillion"),
        # The demo's largest company: one decimal, not four (271.8641 wrapped over two lines).
        (271_864_197_523_000, "약 271조 8,641억 원", "approx. KRW 271.8 trillion"),
        (9_900_000_000_000, "9조 9,000억 원", "KRW 9.9 trillion"),
        # One won short of the threshold never reads as the threshold: cut, not rounded up.
        (10 * JO - 1, "약 9조 9,999억 원", "approx. KRW 9.9 trillion"),
        (10 * JO, "10조 원", "KRW 10 trillion"),
        (12 * JO, "12조 원", "KRW 12 trillion"),
        (345_600_000_000, "3,456억 원", "KRW 345.6 billion"),
        (345_670_000_000, "약 3,456억 원", "approx. KRW 345.6 billion"),
        (999_999_999_999, "약 9,999억 원", "approx. KRW 999.9 billion"),
        (100_000_000, "1억 원", "KRW 100 million"),
        (50_000_000, "5,000만 원", "KRW 50 million"),
        (50_001_234, "약 5,000만 원", "approx. KRW 50 million"),
        (1_234, "1,234원", "KRW 1,234"),
        (0, "0원", "KRW 0"),
    ],
)
def test_short_form_in_both_languages(amount, korean, english):
    with translation.override("ko"):
        assert krw_words(amount) == korean
    with translation.override("en"):
        assert krw_words(amount) == english


def test_digits_keep_every_won():
    assert krw_digits(12_345_678_901_234) == "12,345,678,901,234"


def test_template_filters():
    template = Template("{{ amount|krw }} / {{ amount|krw_short }} / {{ missing|krw }}.")
    with translation.override("ko"):
        text = template.render(Context({"amount": 12_345_678_901_234, "missing": None}))
    assert text == "12,345,678,901,234원 / 약 12조 3,456억 원 / ."


def test_english_short_form_in_templates_has_one_decimal_beside_every_won():
    template = Template("{% load krw %}{{ amount|krw_short }} / {{ amount|krw }}")
    with translation.override("en"):
        text = template.render(Context({"amount": 271_864_197_523_000}))
    assert text == "approx. KRW 271.8 trillion / 271,864,197,523,000 won"
