from __future__ import annotations

import pytest

from scenarios.numformat import format_kr, format_number, format_percent, format_tkr, tkr_parts_matching_total

NB = "\u00a0"


@pytest.mark.parametrize(
    "call, expected",
    [
        (lambda: format_tkr(3_752_000), f"3{NB}752{NB}tkr"),
        (lambda: format_tkr(-2_317_000), f"\u22122{NB}317{NB}tkr"),
        (lambda: format_tkr(-2_316_500), f"\u22122{NB}317{NB}tkr"),  # half away from zero
        (lambda: format_tkr(499), f"0{NB}tkr"),
        (lambda: format_percent(0.15342), f"15,3{NB}%"),
        (lambda: format_percent(None), "–"),
        (lambda: format_number(1234567.891, 2), f"1{NB}234{NB}567,89"),
        (lambda: format_kr(750_035), f"750{NB}035{NB}kr"),
        (lambda: format_number(0), "0"),
    ],
)
def test_swedish_format(call, expected):
    assert call() == expected


@pytest.mark.parametrize(
    "parts, total, expected",
    [
        ([1_400, 1_400, 1_200], 4, [2, 1, 1]),
        ([3_752_000, 0, 300_000], 4_052, [3_752, 0, 300]),
        ([7_500_088, 1_849_907, -8_926_509], 423, [7_500, 1_850, -8_927]),
        ([500, 0, -1_000], 0, [1, 0, -1]),
    ],
)
def test_parts_add_up_to_the_printed_total(parts, total, expected):
    result = tkr_parts_matching_total(parts, total)
    assert result == expected
    assert sum(result) == total


@pytest.mark.parametrize("kr, shown", [
    (12_500, "12,5\u00a0tkr"), (800_000, "800\u00a0tkr"), (1_234_567, "1\u00a0234,567\u00a0tkr"),
    (-2_500, "\u22122,5\u00a0tkr"), (0, "0\u00a0tkr"), (100, "0,1\u00a0tkr"), (1_250, "1,25\u00a0tkr"),
])
def test_an_amount_typed_in_tkr_is_shown_as_typed(kr, shown):
    from scenarios.numformat import format_tkr_as_typed

    assert format_tkr_as_typed(kr) == shown
