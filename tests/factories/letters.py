"""Letters for tests: the plain content of a letter, and (once the model exists) stored letters.

Rendering a real PDF costs a few hundred milliseconds, so only tests/letters/test_render*.py and
test_sign.py render; everything else builds letters from stored bytes.
"""

import datetime as dt

from letters.render import LetterContent, ScopeItem


def letter_content(**overrides) -> LetterContent:
    values = {
        "reference": "FSC-NAL-2026-0001",
        "issued_on": dt.date(2026, 7, 1),
        "valid_from": dt.date(2026, 7, 1),
        "valid_until": dt.date(2027, 6, 30),
        "company_name_ko": "시험금융 주식회사",
        "company_name_en": "Test Financial Co., Ltd.",
        "company_brn": "123-45-67891",
        "ciso_name": "홍길동",
        "ai_models": (ScopeItem("Claude Opus", "Anthropic"), ScopeItem("취약점분석모델 K-1", "한국AI연구소")),
        "saas_products": (ScopeItem("Falcon Insight", "CrowdStrike"),),
        "specific_conditions": ("분기마다 점검 결과 요약을 제출할 것.", "Keep test logs for three years."),
    }
    values.update(overrides)
    return LetterContent(**values)
