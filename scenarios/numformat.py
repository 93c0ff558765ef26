"""Swedish number format: '3 752 tkr', '15,3 %', '−2 317'.

Thousands are separated by a no-break space (U+00A0, so a figure never wraps),
decimals by a comma, negatives by the minus sign U+2212.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Sequence

MINUS = "\u2212"
THIN = "\u00a0"


def round_half_up(value: float | int | Decimal, decimals: int = 0) -> Decimal:
    """Round half away from zero, the way a reader rounds (−2 316,5 → −2 317)."""
    exponent = Decimal(1).scaleb(-decimals)
    return Decimal(str(value)).quantize(exponent, rounding=ROUND_HALF_UP)


def kr_to_tkr(kr: int) -> int:
    """Whole tkr, rounded half away from zero."""
    return int(round_half_up(Decimal(kr) / 1000))


def format_number(value: float | int | Decimal, decimals: int = 0) -> str:
    rounded = round_half_up(value, decimals)
    sign = MINUS if rounded < 0 else ""
    text = f"{abs(rounded):,.{decimals}f}"  # '1,234.5'
    text = text.replace(",", THIN).replace(".", ",")
    return sign + text


def format_tkr(kr: int, unit: bool = True) -> str:
    """3 752 000 kr -> '3 752 tkr'."""
    text = format_number(kr_to_tkr(kr))
    return f"{text}{THIN}tkr" if unit else text


def format_tkr_as_typed(kr: int, unit: bool = True) -> str:
    """An amount someone typed in tkr, shown as typed: 12 500 kr -> '12,5 tkr'
    (not '13 tkr'), 800 000 kr -> '800 tkr'; up to three decimals, trailing zeros cut."""
    decimals = next(d for d in range(4) if kr % (10 ** (3 - d)) == 0) if kr % 1000 else 0
    text = format_number(Decimal(kr) / 1000, decimals)
    return f"{text}{THIN}tkr" if unit else text


def format_kr(kr: int, unit: bool = True) -> str:
    text = format_number(kr)
    return f"{text}{THIN}kr" if unit else text


def format_percent(share: float | None, decimals: int = 1) -> str:
    """0.153 -> '15,3 %'; None -> '–'."""
    if share is None:
        return "–"
    return f"{format_number(share * 100, decimals)}{THIN}%"


def tkr_parts_matching_total(parts: Sequence[int], total_tkr: int) -> list[int]:
    """Round kr parts to tkr so they add up to `total_tkr` exactly (largest remainder).

    Rounding each part alone can make a printed column not add up; this keeps
    'totals equal the sum of their parts as shown'.
    """
    floors = [p // 1000 for p in parts]
    remainders = [p - f * 1000 for p, f in zip(parts, floors)]
    shortfall = total_tkr - sum(floors)
    # Only non-zero parts absorb the rounding: a zero line must print as 0.
    eligible = [i for i, p in enumerate(parts) if p != 0] or list(range(len(parts)))
    order = sorted(eligible, key=lambda i: (-remainders[i], i))
    result = list(floors)
    if not order:
        return result
    if shortfall >= 0:
        for k in range(shortfall):
            result[order[k % len(order)]] += 1
    else:
        for k in range(-shortfall):
            result[order[-1 - (k % len(order))]] -= 1
    return result
