"""Extra Altair charts: the Monte Carlo fan chart.

Okabe-Ito colours (safe for colour-blind readers); the meaning is carried by shape
and dash pattern too, never colour alone: the band is a filled area, the median a
solid line with dots, the deterministic plan a dashed line with squares, the
ceiling a green long-dashed line with diamonds, zero a black rule.

Kept apart from dashboard/charts.py on purpose (the constants are repeated, not
imported), so this module does not depend on that one's internals.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .i18n import t

BLUE = "#0072B2"
SKY = "#56B4E9"
GREEN = "#009E73"
ORANGE = "#E69F00"
BLACK = "#000000"

# Swedish numbers on the axes: no-break space between thousands, U+2212 minus.
SV_NUMBER = "replace(replace(format(datum.value, ',d'), /,/g, '\u00a0'), /-/g, '\u2212')"


def fan_chart(frame: pd.DataFrame, big: bool = False) -> alt.LayerChart:
    """`frame`: one row a year with year, p10_tkr, p50_tkr, p90_tkr, plan_tkr, cap_tkr
    (whole tkr). The 10th–90th percentile band, the median, the plan without
    uncertainty, the ceiling and the zero line."""
    font = 20 if big else 13
    data = frame.copy()
    data["year_s"] = data["year"].astype(str)
    order = list(data["year_s"])
    x = alt.X("year_s:N", title=None, sort=order, scale=alt.Scale(paddingInner=0, paddingOuter=0.1),
              axis=alt.Axis(labelAngle=0, labelFontSize=font, titleFontSize=font, labelLimit=0))
    y_axis = alt.Axis(labelExpr=SV_NUMBER, labelFontSize=font, titleFontSize=font, labelLimit=0)
    band_name, median, plan, cap = t("fan_band"), t("fan_median"), t("fan_plan"), t("fan_cap")
    legend = alt.Legend(orient="top", direction="horizontal", title=None, labelFontSize=font,
                        labelLimit=0, symbolStrokeWidth=3, symbolSize=200)

    data["band"] = band_name
    band_legend = alt.Legend(orient="top", direction="horizontal", title=None, labelFontSize=font,
                             labelLimit=0, symbolType="square", symbolSize=300, symbolOpacity=0.5)
    band = alt.Chart(data).mark_area(opacity=0.4).encode(
        x=x,
        y=alt.Y("p10_tkr:Q", title=t("chart_amount"), axis=y_axis),
        y2="p90_tkr:Q",
        fill=alt.Fill("band:N", scale=alt.Scale(domain=[band_name], range=[SKY]), legend=band_legend),
        tooltip=[
            alt.Tooltip("year_s:N", title=t("year")),
            alt.Tooltip("p10_tkr:Q", title=t("mc_col_p10"), format=",d"),
            alt.Tooltip("p50_tkr:Q", title=t("mc_col_p50"), format=",d"),
            alt.Tooltip("p90_tkr:Q", title=t("mc_col_p90"), format=",d"),
        ],
    )

    lines = pd.concat([
        pd.DataFrame({"year_s": data["year_s"], "series": median, "tkr": data["p50_tkr"]}),
        pd.DataFrame({"year_s": data["year_s"], "series": plan, "tkr": data["plan_tkr"]}),
        pd.DataFrame({"year_s": data["year_s"], "series": cap, "tkr": data["cap_tkr"]}),
    ], ignore_index=True)
    names = [median, plan, cap]
    colour = alt.Color("series:N", sort=names, scale=alt.Scale(domain=names, range=[BLUE, ORANGE, GREEN]),
                       legend=legend)
    dash = alt.StrokeDash("series:N", sort=names,
                          scale=alt.Scale(domain=names, range=[[1, 0], [4, 3], [10, 4]]), legend=legend)
    shape = alt.Shape("series:N", sort=names, scale=alt.Scale(domain=names, range=["circle", "square", "diamond"]),
                      legend=legend)
    tooltip = [alt.Tooltip("series:N", title=" "), alt.Tooltip("year_s:N", title=t("year")),
               alt.Tooltip("tkr:Q", title=t("chart_amount"), format=",d")]
    line_layer = alt.Chart(lines).mark_line(strokeWidth=3).encode(
        x=x, y="tkr:Q", color=colour, strokeDash=dash, detail="series:N", tooltip=tooltip)
    points = alt.Chart(lines).mark_point(filled=True, size=150 if big else 90, opacity=1).encode(
        x=x, y="tkr:Q", color=colour, shape=shape, tooltip=tooltip)
    zero = alt.Chart(pd.DataFrame({"zero": [0]})).mark_rule(color=BLACK, strokeWidth=2).encode(y="zero:Q")
    return (
        alt.layer(band, zero, line_layer, points)
        .resolve_legend(color="shared", strokeDash="shared", shape="shared")
        .properties(height=520 if big else 400,
                    title=alt.Title(t("fan_title"), fontSize=font + 2, anchor="start"))
        .configure_view(strokeWidth=0)
    )
