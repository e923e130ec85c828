"""Money is integer KRW everywhere. These format it with integer arithmetic; they never round.

A short form drops what lies below its smallest unit (억 in Korean, a tenth of the unit in English)
and then says so with 약 / "approx.", so 9,999,999,999,999 reads 약 9조 9,999억 원 and approx. KRW
9.9 trillion, never 10조 원 or KRW 10.0 trillion: an amount just under a threshold never looks as if
it met it. English keeps one decimal: four (271.8641 trillion) were hard to read and wrapped; the
full amount with separators stands beside the short form for whoever needs every won.
"""

from portal.common.language import is_english

JO = 10**12  # 조 (trillion)
EOK = 10**8  # 억 (hundred million)
MAN = 10**4  # 만 (ten thousand)
BILLION = 10**9
MILLION = 10**6


def krw_digits(amount: int) -> str:
    return f"{amount:,}"


def _scaled(amount: int, unit: int, step: int) -> tuple[str, bool]:
    """``amount`` in ``unit``s with decimals down to ``step`` (cut, not rounded); True if a rest was cut."""
    whole, rest = divmod(amount, unit)
    places = len(str(unit // step)) - 1
    fraction, cut = divmod(rest, step)
    text = f"{whole:,}"
    if fraction:
        text += "." + f"{fraction:0{places}d}".rstrip("0")
    return text, cut > 0


def _korean(amount: int) -> tuple[str, bool]:
    if amount < MAN:
        return f"{amount:,}원", False
    if amount < EOK:
        man, rest = divmod(amount, MAN)
        return f"{man:,}만 원", rest > 0
    jo, rest = divmod(amount, JO)
    eok, rest = divmod(rest, EOK)
    parts = ([f"{jo:,}조"] if jo else []) + ([f"{eok:,}억"] if eok else [])
    return f"{' '.join(parts)} 원", rest > 0


def _english(amount: int) -> tuple[str, bool]:
    for unit, name in ((JO, "trillion"), (BILLION, "billion"), (MILLION, "million")):
        if amount >= unit:
            number, cut = _scaled(amount, unit, unit // 10)
            return f"KRW {number} {name}", cut
    return f"KRW {amount:,}", False


def krw_words(amount: int) -> str:
    """``12조 3,456억 원`` in Korean; ``approx. KRW 12.3 trillion`` in English (in the active language)."""
    sign = "-" if amount < 0 else ""
    if is_english():
        text, cut = _english(abs(amount))
        return f"{'approx. ' if cut else ''}{sign}{text}"
    text, cut = _korean(abs(amount))
    return f"{'약 ' if cut else ''}{sign}{text}"
