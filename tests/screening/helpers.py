"""Small builders shared by the screening tests."""

import io

from pypdf import PdfWriter


def pdf_bytes(pages: int = 1, *, password: str | None = None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


COMPLETE = {
    "scope_ai_vulnerability_assessment": True,
    "scope_saas_security": True,
    "ai_models": [{"name": "Claude", "vendor": "Anthropic"}],
    "saas_products": [{"name": "CloudGuard", "vendor": "Example Security"}],
    "systems_in_scope": "보안관제 분석망 (DMZ-SEC-02)",
    "compensating_controls": ["isolated_environment", "dlp"],
    "compensating_controls_other": "연 2회 외부 모의해킹",
    "self_assessment": "정보보호 전담 인력 45명.",
}
