"""Altair charts in the Okabe-Ito palette (safe for colour-blind readers); shapes,
outlines and labels carry the meaning too, never colour alone."""

from __future__ import annotations

import json
from functools import lru_cache

import altair as alt
import pandas as pd
import streamlit as st

from scenarios.numformat import format_number

from .i18n import current_lang, t

OKABE_ITO = {
    "grey": "#999999",
    "blue": "#0072B2",
    "sky": "#56B4E9",
    "green": "#009E73",
    "orange": "#E69F00",
    "vermillion": "#D55E00",
    "black": "#000000",
}
BASIS_COLOURS = {"outcome": OKABE_ITO["grey"], "budget": OKABE_ITO["blue"], "plan": OKABE_ITO["sky"]}


# Swedish numbers on the axes: no-break space between thousands, U+2212 minus.
SV_NUMBER = "replace(replace(format(datum.value, ',d'), /,/g, '\u00a0'), /-/g, '\u2212')"


def with_data(template: dict, **frames: pd.DataFrame) -> dict:
    """A cached chart spec with this run's data: building and validating the Altair
    chart costs ~0.1–0.3 s, so each shape is built once (per years, size and
    language) and a rerun only swaps in the numbers."""
    spec = dict(template)
    # Keep the template's own datasets (the zero line's inline data lives there).
    spec["datasets"] = {
        **template.get("datasets", {}),
        **{name: json.loads(frame.to_json(orient="records")) for name, frame in frames.items()},
    }
    return spec


def show(spec: dict) -> None:
    st.vega_lite_chart(spec=spec, width="stretch")


def _axis(font: int):
    return dict(labelFontSize=font, titleFontSize=font, labelLimit=0, labelOverlap=False)


def _y_axis(font: int):
    return alt.Axis(labelExpr=SV_NUMBER, tickCount=5, **_axis(font))


def equity_chart(frame: pd.DataFrame, big: bool = False, base: pd.DataFrame | None = None) -> dict:
    """Closing equity per year as bars, the 0–ceiling band, the ceiling and zero lines;
    with `base` (the baseline's equity_frame) and a difference, the baseline as a black
    mark on each bar, so before and after are seen together."""
    data = frame.copy()
    data["year_s"] = data["year"].astype(str)
    data["basis_label"] = [t("basis_" + b) for b in data["basis"]]
    data["label"] = [format_number(v) for v in data["closing_tkr"]]
    data["dash"] = [1 if b == "outcome" else 0 for b in data["basis"]]
    with_base = base is not None and list(base["closing_tkr"]) != list(frame["closing_tkr"])
    if with_base:
        data["base_tkr"] = list(base["closing_tkr"])
    spec = _equity_template(tuple(data["year_s"]), big, current_lang(), with_base)
    return with_data(spec, equity=data)


def differs_from_base(frame: pd.DataFrame, base: pd.DataFrame) -> bool:
    """True when the chart draws the baseline marks (the caption then explains them)."""
    return list(base["closing_tkr"]) != list(frame["closing_tkr"])


@lru_cache(maxsize=64)
def _equity_template(order: tuple[str, ...], big: bool, lang: str, with_base: bool = False) -> dict:
    font = 22 if big else 13
    x = alt.X("year_s:N", title=None, sort=list(order), axis=alt.Axis(labelAngle=0, **_axis(font)))
    y_title = t("chart_amount")
    basis_domain = [t("basis_" + b) for b in ("outcome", "budget", "plan")]
    colour = alt.Color(
        "basis_label:N",
        title=t("chart_basis"),
        scale=alt.Scale(domain=basis_domain, range=list(BASIS_COLOURS.values())),
        # one row on top in meeting mode: the plot keeps its height on a 720-pixel projector
        legend=alt.Legend(orient="top", direction="horizontal", title=None, labelFontSize=font, labelLimit=0)
        if big else alt.Legend(orient="bottom", labelFontSize=font, titleFontSize=font, labelLimit=0),
    )
    base = alt.Chart(alt.NamedData("equity"))
    # padding: room for a label below the lowest (negative) bar, clear of the year axis
    band = base.mark_bar(color=OKABE_ITO["green"], opacity=0.15, width={"band": 1}).encode(
        x=x, y=alt.Y("floor_tkr:Q", title=y_title, axis=_y_axis(font), scale=alt.Scale(padding=font + 8)),
        y2="cap_tkr:Q",
        tooltip=[alt.Tooltip("cap_tkr:Q", title=t("chart_cap"), format=",d")],
    )
    bars = base.mark_bar(size=60 if big else 36, strokeWidth=2).encode(
        x=x,
        y=alt.Y("closing_tkr:Q", title=y_title),
        color=colour,
        stroke=alt.value(OKABE_ITO["black"]),
        strokeDash=alt.condition("datum.dash == 1", alt.value([5, 3]), alt.value([1, 0])),
        tooltip=[
            alt.Tooltip("year_s:N", title=t("year")),
            alt.Tooltip("basis_label:N", title=t("chart_basis")),
            alt.Tooltip("closing_tkr:Q", title=t("chart_equity"), format=",d"),
            alt.Tooltip("cap_tkr:Q", title=t("chart_cap"), format=",d"),
        ],
    )
    # Labels outside the bar's end: above a positive bar, below a negative one.
    labels = alt.layer(
        base.transform_filter("datum.closing_tkr >= 0").mark_text(dy=-12, fontSize=font, fontWeight="bold")
        .encode(x=x, y="closing_tkr:Q", text="label:N"),
        base.transform_filter("datum.closing_tkr < 0").mark_text(dy=14, fontSize=font, fontWeight="bold")
        .encode(x=x, y="closing_tkr:Q", text="label:N"),
    )
    cap_line = base.mark_line(
        color=OKABE_ITO["green"], strokeDash=[8, 4], strokeWidth=3, point=alt.OverlayMarkDef(
            shape="diamond", size=80 if big else 50, color=OKABE_ITO["green"])
    ).encode(x=x, y="cap_tkr:Q")
    zero = alt.Chart(alt.InlineData(values=[{"zero": 0}])).mark_rule(
        color=OKABE_ITO["black"], strokeWidth=2
    ).encode(y="zero:Q")
    layers = [band, bars, cap_line, zero, labels]
    if with_base:
        layers.insert(3, base.mark_tick(color=OKABE_ITO["black"], thickness=4, size=(60 if big else 36) + 20).encode(
            x=x, y="base_tkr:Q",
            tooltip=[alt.Tooltip("year_s:N", title=t("year")),
                     alt.Tooltip("base_tkr:Q", title=t("chart_base_equity"), format=",d")],
        ))
    return (
        alt.layer(*layers)
        .properties(height=330 if big else 340, title=alt.Title(t("chart_equity_title"), fontSize=font + 2))
        .configure_view(strokeWidth=0)
    ).to_dict()


def flow_chart(frame: pd.DataFrame, big: bool = False) -> dict:
    """Income against costs per year, side by side."""
    rows = []
    for _, r in frame.iterrows():
        rows.append({"year_s": str(r["year"]), "kind": t("chart_income"), "tkr": r["income_tkr"]})
        rows.append({"year_s": str(r["year"]), "kind": t("chart_costs"), "tkr": r["costs_tkr"]})
    spec = _flow_template(tuple(str(y) for y in frame["year"]), big, current_lang())
    return with_data(spec, flow=pd.DataFrame(rows))


@lru_cache(maxsize=64)
def _flow_template(order: tuple[str, ...], big: bool, lang: str) -> dict:
    font = 20 if big else 13
    kinds = [t("chart_income"), t("chart_costs")]
    colour = alt.Color(
        "kind:N", title=t("chart_kind"),
        scale=alt.Scale(domain=kinds, range=[OKABE_ITO["blue"], OKABE_ITO["orange"]]),
        legend=alt.Legend(orient="bottom", labelFontSize=font, titleFontSize=font, labelLimit=0),
    )
    return (
        alt.Chart(alt.NamedData("flow"))
        .mark_bar(stroke=OKABE_ITO["black"], strokeWidth=1)
        .encode(
            x=alt.X("year_s:N", title=None, sort=list(order), axis=alt.Axis(labelAngle=0, **_axis(font))),
            xOffset=alt.XOffset("kind:N", sort=kinds),
            y=alt.Y("tkr:Q", title=t("chart_amount"), axis=_y_axis(font)),
            color=colour,
            opacity=alt.Opacity("kind:N", sort=kinds, scale=alt.Scale(range=[1.0, 0.75]), legend=None),
            tooltip=[alt.Tooltip("year_s:N", title=t("year")), alt.Tooltip("kind:N", title=t("chart_kind")),
                     alt.Tooltip("tkr:Q", title=t("chart_amount"), format=",d")],
        )
        .properties(height=330 if big else 340, title=alt.Title(t("chart_flow_title"), fontSize=font + 2))
        .configure_view(strokeWidth=0)
    ).to_dict()


# Scenario lines: Okabe-Ito colours that stay apart for colour-blind readers (green is
# kept for the recommended band), each with its own dash pattern and marker shape.
SCENARIO_STYLES = (
    ("#0072B2", [1, 0], "circle"),  # blue, solid
    ("#E69F00", [10, 4], "square"),  # orange, long dashes
    ("#CC79A7", [2, 3], "triangle-up"),  # reddish purple, dots
    ("#D55E00", [12, 3, 3, 3], "diamond"),  # vermillion, dash-dot
)


def compare_chart(lines: pd.DataFrame, band: pd.DataFrame, names: list[str]) -> alt.LayerChart:
    """Closing equity per scenario as lines (`lines`: name, year, closing_tkr), over the
    reference scenario's 0–ceiling band (`band`: year, floor_tkr, cap_tkr) and zero."""
    font = 13
    styles = [SCENARIO_STYLES[i % len(SCENARIO_STYLES)] for i in range(len(names))]
    order = [str(y) for y in band["year"]]
    data = lines.copy()
    data["year_s"] = data["year"].astype(str)
    band = band.copy()
    band["year_s"] = band["year"].astype(str)
    x = alt.X("year_s:N", title=None, sort=order, axis=alt.Axis(labelAngle=0, **_axis(font)))
    legend = alt.Legend(orient="top", direction="horizontal", labelFontSize=font, titleFontSize=font,
                        labelLimit=0, symbolStrokeWidth=3, symbolSize=160, symbolType="stroke", title=None,
                        columns=2 if len(names) > 2 else 0)
    colour = alt.Color("name:N", sort=names, scale=alt.Scale(domain=names, range=[s[0] for s in styles]),
                       legend=legend)
    dash = alt.StrokeDash("name:N", sort=names, scale=alt.Scale(domain=names, range=[s[1] for s in styles]),
                          legend=legend)
    shape = alt.Shape("name:N", sort=names, scale=alt.Scale(domain=names, range=[s[2] for s in styles]),
                      legend=legend)
    tooltip = [alt.Tooltip("name:N", title=t("col_scenario")), alt.Tooltip("year_s:N", title=t("year")),
               alt.Tooltip("closing_tkr:Q", title=t("chart_equity"), format=",d")]
    band_layer = alt.Chart(band).mark_bar(color=OKABE_ITO["green"], opacity=0.15, width={"band": 1}).encode(
        x=x, y=alt.Y("floor_tkr:Q", title=t("chart_amount"), axis=_y_axis(font)), y2="cap_tkr:Q",
        tooltip=[alt.Tooltip("cap_tkr:Q", title=t("chart_cap"), format=",d")],
    )
    cap_line = alt.Chart(band).mark_line(color=OKABE_ITO["green"], strokeDash=[6, 4], strokeWidth=2).encode(
        x=x, y="cap_tkr:Q")
    zero = alt.Chart(pd.DataFrame({"zero": [0]})).mark_rule(color=OKABE_ITO["black"], strokeWidth=2).encode(
        y="zero:Q")
    line_layer = alt.Chart(data).mark_line(strokeWidth=3).encode(
        x=x, y=alt.Y("closing_tkr:Q"), color=colour, strokeDash=dash, detail="name:N", tooltip=tooltip)
    points = alt.Chart(data).mark_point(filled=True, size=110, opacity=1).encode(
        x=x, y="closing_tkr:Q", color=colour, shape=shape, tooltip=tooltip)
    return (
        alt.layer(band_layer, cap_line, zero, line_layer, points)
        .resolve_legend(color="shared", strokeDash="shared", shape="shared")
        .properties(height=440, title=alt.Title(t("cmp_chart_title"), fontSize=font + 2, anchor="start"))
        .configure_view(strokeWidth=0)
    )
