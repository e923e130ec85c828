"""Money is integer KRW everywhere. These format it; they never round silently."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

JO = 10**12  # 조 (trillion)
EOK = 10**8  # 억 (hundred million)
MAN = 10**4  # 만


def krw_digits(amount: int) -> str:
    return f"{amount:,}"


def krw_words(amount: int) -> str:
    """``12조 3,456억 원`` in Korean; ``KRW 12.3456 trillion`` style in English.

    The Korean form drops units below 억 (as balance-sheet readers do) and says so with 약 (about)
    when something was dropped.
    """
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if (get_language() or "ko").startswith("en"):
        if amount >= JO:
            return f"{sign}KRW {amount / JO:,.2f} trillion".replace(".00 ", " ")
        if amount >= EOK:
            return f"{sign}KRW {amount / 10**9:,.2f} billion".replace(".00 ", " ")
        return f"{sign}KRW {amount:,}"
    jo, rest = divmod(amount, JO)
    eok, rest = divmod(rest, EOK)
    parts = []
    if jo:
        parts.append(f"{jo:,}조")
    if eok:
        parts.append(f"{eok:,}억")
    if not parts:
        man, rest2 = divmod(amount, MAN)
        if man:
            parts.append(f"{man:,}만")
            rest = rest2
        else:
            return f"{sign}{amount:,}원"
    prefix = _("approx. ") if rest else ""
    return f"{prefix}{sign}{' '.join(parts)} 원"
