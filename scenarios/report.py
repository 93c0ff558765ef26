"""A printable PDF report of one or more scenarios, for the board papers.

`scenario_report(entries, federation_name=..., created=...)` returns PDF bytes (no
file paths). Contents:

* title, federation, date, the scenarios and their levers;
* for 2–4 scenarios: one chart with every closing-equity path and a table of
  closing equity per year per scenario with the difference from the first one;
* per scenario: key figures (closing equity per budget/plan year, its ratio to the
  year's contributions against the recommended ceiling, first negative year, first
  year within the ceiling), the equity chart (outcome years shaded and drawn with
  hollow markers, the ceiling dashed, the zero line) and the budget table in tkr
  (the same chained rounding as the Excel workbook, so the two agree);
* the assumptions with their sources: the scenario's own assumptions, the figures
  the store marks as assumptions (`store.load_provenance` rows with `assumption`)
  and the contradictions found in the sources (`store.load_contradictions`).

Layout: reportlab (platypus) on A4 portrait, DejaVu Sans (shipped with matplotlib,
so the minus sign U+2212 and no-break spaces render everywhere); charts by
matplotlib (Agg) as 200 dpi PNG, colours from the Okabe–Ito colour-blind-safe
palette, with line styles and markers so no meaning rests on colour alone.
"""

from __future__ import annotations

import io
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence
from xml.sax.saxutils import escape

from .engine import Projection
from .frames import budget_rows, contribution_rows, first_negative_year, open_rows, within_range_year, year_label
from .model import Plan
from .numformat import format_number, format_percent, kr_to_tkr
from .workbook import (
    ScenarioEntry,
    as_entries,
    assumption_text,
    describe_levers,
)

# Okabe & Ito (2008) palette: distinguishable with the common colour-vision deficiencies.
# The same colours as the dashboard (dashboard/charts.py): scenarios blue, orange, purple,
# vermillion in Jämför's order; the recommended ceiling green.
PALETTE = ("#0072B2", "#E69F00", "#CC79A7", "#D55E00")
CEILING_COLOUR = "#009E73"
MARKERS = ("o", "s", "^", "D")
LINESTYLES = ("-", "--", "-.", ":")
MAX_COMPARED = 4
_MM = 72 / 25.4  # points per millimetre (reportlab.lib.units.mm)
NBSP = "\u00a0"

_FONT = "DejaVuSans"
_FONT_BOLD = "DejaVuSans-Bold"


# --- Fonts --------------------------------------------------------------------------------


def _register_fonts() -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if _FONT in pdfmetrics.getRegisteredFontNames():
        return
    import matplotlib

    ttf = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdfmetrics.registerFont(TTFont(_FONT, str(ttf / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(_FONT_BOLD, str(ttf / "DejaVuSans-Bold.ttf")))
    addMapping(_FONT, 0, 0, _FONT)
    addMapping(_FONT, 1, 0, _FONT_BOLD)
    addMapping(_FONT, 0, 1, _FONT)
    addMapping(_FONT, 1, 1, _FONT_BOLD)


# --- Key figures ----------------------------------------------------------------------------


def _cap_share(projection: Projection) -> Fraction | None:
    """The ceiling as a share of contributions, read back from the projection."""
    if projection.scenario.equity_cap_share is not None:
        return Fraction(projection.scenario.equity_cap_share)
    for row in projection.years:
        if row.contributions:
            return Fraction(row.equity_cap, row.contributions).limit_denominator(1000)
    return None


def key_figures(plan: Plan, projection: Projection) -> dict:
    """What the report prints as key figures, as plain values (tested directly)."""
    rows = open_rows(plan, projection)
    return {
        "years": [
            {
                "year": r.year,
                "basis": r.basis,
                "closing_tkr": kr_to_tkr(r.closing_equity),
                "contributions_tkr": kr_to_tkr(r.contributions),
                "ratio": r.equity_ratio,
                "cap_tkr": kr_to_tkr(r.equity_cap),
                "over_cap": r.closing_equity > r.equity_cap,
                "negative": r.closing_equity < 0,
            }
            for r in rows
        ],
        "cap_share": _cap_share(projection),
        "first_negative_year": first_negative_year(plan, projection),
        "within_range_year": within_range_year(plan, projection),
    }


# --- Charts ---------------------------------------------------------------------------------


def _tkr_axis(ax) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: format_number(v)))
    ax.set_ylabel("tkr")
    ax.grid(axis="y", color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def equity_chart_png(
    series: Sequence[tuple[str, Plan, Projection]], *, width_in: float = 7.0, height_in: float = 3.4,
    annotate: bool | None = None,
) -> bytes:
    """Closing equity per year (tkr) for 1–4 scenarios as PNG bytes: outcome years
    shaded and hollow-marked, the ceiling per scenario dashed, the zero line."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    annotate = len(series) == 1 if annotate is None else annotate
    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9, "axes.unicode_minus": True})
    fig, ax = plt.subplots(figsize=(width_in, height_in), dpi=200)
    all_years: list[int] = sorted({r.year for _, _, p in series for r in p.years})
    outcome_years = sorted({r.year for _, plan, p in series for r in p.years if plan.is_outcome(r.year)})
    handles = []
    if outcome_years:
        ax.axvspan(outcome_years[0] - 0.5, outcome_years[-1] + 0.5, color="#EEEEEE", zorder=0)
        handles.append(Patch(facecolor="#EEEEEE", edgecolor="#BBBBBB", label="Utfall (bokslut)"))
    ax.axhline(0, color="black", linewidth=1.0, zorder=1)

    ceilings = {tuple(r.equity_cap for r in p.years) for _, _, p in series}
    same_ceiling = len(ceilings) == 1
    drawn: set[tuple] = set()
    for i, (name, plan, projection) in enumerate(series):
        colour, marker = PALETTE[i % len(PALETTE)], MARKERS[i % len(MARKERS)]
        years = [r.year for r in projection.years]
        values = [kr_to_tkr(r.closing_equity) for r in projection.years]
        caps = [kr_to_tkr(r.equity_cap) for r in projection.years]
        ceiling = tuple(r.equity_cap for r in projection.years)
        if ceiling not in drawn:  # one dashed line per distinct ceiling
            if drawn:  # later ceilings only where they differ from the first one
                first = series[0][2]
                caps = [c if first.years[k].equity_cap != projection.years[k].equity_cap else float("nan")
                        for k, c in enumerate(caps)] if len(first.years) == len(caps) else caps
            drawn.add(ceiling)
            ax.step(years, caps, where="mid", color=CEILING_COLOUR if same_ceiling else colour,
                    linestyle=(0, (4, 2)), linewidth=1.3, zorder=2, alpha=0.9)
        ax.plot(years, values, color=colour, linestyle=LINESTYLES[i % len(LINESTYLES)], linewidth=2.0,
                zorder=3)
        for y, v in zip(years, values):
            hollow = plan.is_outcome(y)
            ax.plot([y], [v], marker=marker, markersize=6, color=colour,
                    markerfacecolor="white" if hollow else colour, markeredgewidth=1.5, zorder=4)
        if annotate:
            for y, v in zip(years, values):
                ax.annotate(format_number(v), (y, v), textcoords="offset points", xytext=(0, 7),
                            ha="center", fontsize=7.5, color="#222222")
        handles.append(Line2D([], [], color=colour, linestyle=LINESTYLES[i % len(LINESTYLES)],
                              marker=marker, linewidth=2.0, label=_short(name, 40)))
    share = _cap_share(series[0][2])
    cap_label = f"Tak {format_percent(float(share), 0)} av medlemsbidragen" if share else "Tak"
    handles.append(Line2D([], [], color=CEILING_COLOUR if same_ceiling else "#555555",
                          linestyle=(0, (4, 2)), linewidth=1.3,
                          label=cap_label + ("" if same_ceiling else " (scenariots färg)")))
    handles.append(Line2D([], [], color="black", linewidth=1.0, label="Noll"))
    ax.set_xticks(all_years)
    ax.set_xticklabels([str(y) for y in all_years])
    ax.set_xlim(all_years[0] - 0.5, all_years[-1] + 0.5)
    _tkr_axis(ax)
    low = min(0, *(kr_to_tkr(r.closing_equity) for _, _, p in series for r in p.years))
    high = max(0, *(kr_to_tkr(max(r.closing_equity, r.equity_cap)) for _, _, p in series for r in p.years))
    pad = (high - low) * 0.12 or 100
    ax.set_ylim(low - (pad if low < 0 else 0), high + pad)
    ax.set_title("Utgående eget kapital per år", fontsize=10, loc="left")
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=min(3, len(handles)),
              fontsize=7.5, frameon=False)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=200)
    plt.close(fig)
    return out.getvalue()


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- PDF ------------------------------------------------------------------------------------


def _styles():
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    base = getSampleStyleSheet()
    s = {
        "title": ParagraphStyle("t", parent=base["Title"], fontName=_FONT_BOLD, fontSize=18, leading=22,
                                alignment=0, spaceAfter=4),
        "h1": ParagraphStyle("h1", parent=base["Heading1"], fontName=_FONT_BOLD, fontSize=14, leading=17,
                             spaceBefore=6, spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontName=_FONT_BOLD, fontSize=11, leading=14,
                             spaceBefore=8, spaceAfter=4),
        "body": ParagraphStyle("b", parent=base["BodyText"], fontName=_FONT, fontSize=9.5, leading=12.5),
        "small": ParagraphStyle("s", parent=base["BodyText"], fontName=_FONT, fontSize=8, leading=10),
        "cell": ParagraphStyle("c", parent=base["BodyText"], fontName=_FONT, fontSize=8, leading=9.5),
        "cell_bold": ParagraphStyle("cb", parent=base["BodyText"], fontName=_FONT_BOLD, fontSize=8,
                                    leading=9.5),
        "warn": ParagraphStyle("w", parent=base["BodyText"], fontName=_FONT_BOLD, fontSize=9.5, leading=12.5,
                               textColor="#A33A00"),
    }
    return s


def _p(text: Any, style) -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph(escape(str(text)), style)


def _table(data, col_widths, *, header_rows=1, bold_rows=(), numeric_from=1, font_size=8.0,
           shade_columns=(), zebra=False):
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table(data, colWidths=col_widths, repeatRows=header_rows)
    style = [
        ("FONT", (0, 0), (-1, -1), _FONT, font_size),
        ("FONT", (0, 0), (-1, header_rows - 1), _FONT_BOLD, font_size),
        ("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.8, colors.black),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for r in bold_rows:
        style.append(("FONT", (0, r), (-1, r), _FONT_BOLD, font_size))
    for c in shade_columns:
        style.append(("BACKGROUND", (c, 0), (c, -1), colors.HexColor("#EEEEEE")))
    if zebra:
        for r in range(header_rows, len(data)):
            if (r - header_rows) % 2:
                style.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor("#F5F5F5")))
    table.setStyle(TableStyle(style))
    return table


def _chart_flowable(png: bytes, width_pt: float):
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image

    reader = ImageReader(io.BytesIO(png))
    w, h = reader.getSize()
    return Image(io.BytesIO(png), width=width_pt, height=width_pt * h / w)


def _year_header(plan: Plan, year: int) -> str:
    label = year_label(plan, year)
    return label.replace(" ", "\n", 1)


def _key_figure_flowables(entry: ScenarioEntry, s, width):
    from reportlab.lib.units import mm

    plan, projection = entry.plan, entry.projection
    kf = key_figures(plan, projection)
    share = kf["cap_share"]
    share_text = format_percent(float(share), 0) if share is not None else "–"
    out = []
    if not kf["years"]:
        out.append(_p("Scenariot har inga budget- eller planår.", s["body"]))
        return out
    header = ["År", "Utgående eget\nkapital (tkr)", "Medlems-\nbidrag (tkr)", "Andel av\nbidragen",
              f"Tak {share_text}\n(tkr)", "Bedömning"]
    data = [header]
    for y in kf["years"]:
        status = ("Negativt eget kapital" if y["negative"] else
                  "Över taket" if y["over_cap"] else "Inom taket")
        data.append([year_label(plan, y["year"]), format_number(y["closing_tkr"]),
                     format_number(y["contributions_tkr"]), format_percent(y["ratio"]),
                     format_number(y["cap_tkr"]), status])
    widths = [28 * mm, 30 * mm, 27 * mm, 22 * mm, 24 * mm]
    widths.append(width - sum(widths))
    table = _table(data, widths, font_size=8.5)
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    extra = [("ALIGN", (-1, 0), (-1, -1), "LEFT")]
    for i, y in enumerate(kf["years"], start=1):
        if y["negative"]:
            extra.append(("TEXTCOLOR", (-1, i), (-1, i), colors.HexColor("#A33A00")))
            extra.append(("FONT", (-1, i), (-1, i), _FONT_BOLD, 8.5))
    table.setStyle(TableStyle(extra))
    out.append(table)
    neg = kf["first_negative_year"]
    within = kf["within_range_year"]
    last = kf["years"][-1]["year"]
    lines = []
    if neg is not None:
        out.append(_p(f"Varning: eget kapital blir negativt {neg}. Förbundet kan inte låna.", s["warn"]))
    else:
        lines.append("Eget kapital är inte negativt något år.")
    if neg is not None:
        pass  # the warning says what matters; "within the ceiling" would mislead
    elif within is None:
        lines.append(f"Eget kapital ligger över taket ({share_text} av medlemsbidragen) vid planperiodens slut "
                     f"({last}).")
    elif within == kf["years"][0]["year"]:
        lines.append(f"Eget kapital ligger mellan noll och taket ({share_text}) alla budget- och planår.")
    else:
        lines.append(f"Eget kapital ligger mellan noll och taket ({share_text}) från {within} till planperiodens slut.")
    for text in lines:
        out.append(_p(text, s["body"]))
    return out


def _budget_table(entry: ScenarioEntry, s, width, labels=None):
    from reportlab.lib.units import mm

    plan, projection = entry.plan, entry.projection
    rows = budget_rows(plan, projection, labels)
    years = [r.year for r in projection.years]
    n = len(years)
    font = 8.0 if n <= 6 else 7.2
    col = (17 if n <= 6 else 14.5) * mm
    label_w = width - n * col
    cell = s["cell"].clone("cellx", fontSize=font, leading=font + 1.5)
    cell_b = s["cell_bold"].clone("cellbx", fontSize=font, leading=font + 1.5)
    cell_part = cell.clone("cellp", leftIndent=8)
    data = [["tkr"] + [_year_header(plan, y) for y in years]]
    bold = [0]
    for i, r in enumerate(rows, start=1):
        style = cell_b if (r.total or r.key == "closing_equity") else (cell_part if r.level else cell)
        data.append([_p(r.label, style)] + [format_number(r.values.get(y, 0)) for y in years])
        if r.total or r.key == "closing_equity":
            bold.append(i)
    shade = [1 + j for j, y in enumerate(years) if plan.is_outcome(y)]
    table = _table(data, [label_w] + [col] * n, bold_rows=bold, font_size=font, shade_columns=shade)
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    lines = []
    for i, r in enumerate(rows, start=1):
        if r.key in ("available", "costs", "closing_equity"):
            lines.append(("LINEABOVE", (0, i), (-1, i), 0.6, colors.black))
    table.setStyle(TableStyle(lines))
    return table


def _comparison_flowables(items: Sequence[ScenarioEntry], s, width):
    from reportlab.lib.units import mm

    out = []
    out.append(_p("Jämförelse av scenarier", s["h1"]))
    png = equity_chart_png([(e.name, e.plan, e.projection) for e in items])
    out.append(_chart_flowable(png, width))
    years: list[int] = sorted({r.year for e in items for r in e.projection.years})
    ref = items[0]
    plan_of = {y: next(e.plan for e in items if y in e.plan.basis) for y in years}
    n = len(years)
    col = min(20 * mm, (width - 45 * mm) / n)
    label_w = width - n * col
    font = 8.0 if n <= 6 else 7.2
    cell = s["cell"].clone("cmpcell", fontSize=font, leading=font + 1.5)
    cell_b = s["cell_bold"].clone("cmpcellb", fontSize=font, leading=font + 1.5)
    data = [["Utgående eget kapital, tkr"] + [_year_header(plan_of[y], y) for y in years]]
    data[0][0] = _p(data[0][0], cell_b)
    closing = {e.name: {r.year: kr_to_tkr(r.closing_equity) for r in e.projection.years} for e in items}
    for i, e in enumerate(items):
        data.append([_p(f"{i + 1}. {e.name}", cell)] +
                    [format_number(closing[e.name][y]) if y in closing[e.name] else "–" for y in years])
    diff_row = len(data)
    data.append([_p(f"Skillnad mot 1. {ref.name}", cell_b)] + [""] * n)
    for i, e in enumerate(items[1:], start=2):
        data.append([_p(f"{i}. {e.name}", cell)] + [
            format_number(closing[e.name][y] - closing[ref.name][y])
            if y in closing[e.name] and y in closing[ref.name] else "–"
            for y in years
        ])
    shade = [1 + j for j, y in enumerate(years) if plan_of[y].is_outcome(y)]
    table = _table(data, [label_w] + [col] * n, font_size=font, shade_columns=shade)
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    table.setStyle(TableStyle([("LINEABOVE", (0, diff_row), (-1, diff_row), 0.6, colors.black)]))
    out.append(table)
    out.append(_p(f"Skillnaden är scenariots utgående eget kapital minus referensens (nr 1, {ref.name}), i tkr."
                  + (" Grå kolumner är utfallsår." if shade else ""), s["small"]))
    out += _member_extra_flowables(items, s, width)
    return out


def _member_extra_flowables(items: Sequence[ScenarioEntry], s, width):
    """Per scenario: what each member pays more (or less) than in the reference, in kr."""
    out = []
    ref = items[0]
    for i, e in enumerate(items[1:], start=2):
        rows = contribution_rows(e.plan, ref.projection, e.projection)
        if not rows or not any(r["total_diff"] for r in rows):
            continue
        years = [y for y in e.plan.years if not e.plan.is_outcome(y)]
        data = [["Medlem"] + [_year_header(e.plan, y) for y in years] + ["Summa"]]
        for r in rows:
            data.append([_p(r["member"].name, s["cell"])]
                        + [format_number(r["years"][y][2]) for y in years] + [format_number(r["total_diff"])])
        data.append(["Totalt"] + [format_number(sum(r["years"][y][2] for r in rows)) for y in years]
                    + [format_number(sum(r["total_diff"] for r in rows))])
        n = len(years) + 1
        col = min(24 * _MM, (width - 60 * _MM) / n)
        out.append(_p(f"Vad varje medlem betalar extra: {i}. {e.name} mot {ref.name} (kr)", s["h2"]))
        out.append(_table(data, [width - n * col] + [col] * n, bold_rows=(len(data) - 1,)))
    return out


def _assumption_rows(items: Sequence[ScenarioEntry], provenance, contradictions):
    """(scenario rows, store assumption rows, contradiction rows) as text tuples."""
    scenario_rows = []
    for e in items:
        own = [assumption_text(a) for a in e.assumptions]
        levers = [(t, "Scenariots val") for t in describe_levers(e.projection.scenario)]
        for text, source in own + [lv for lv in levers if lv[0] not in {o[0] for o in own}]:
            scenario_rows.append((e.name, text, source or "–"))

    names: dict[str, str] = {}
    for e in items:
        names.update({m.id: m.name for m in e.plan.members})
        names.update({line.id: line.name for line in e.plan.income})
        names.update({line.id: line.name for line in e.plan.costs})
    grouped: dict[tuple[str, str], dict] = {}
    for row in provenance or ():
        if not row.get("assumption"):
            continue
        key = (row["assumption"], row.get("source") or "")
        g = grouped.setdefault(key, {"items": [], "years": set()})
        item = row.get("item") or ""
        label = {"opening_equity": "Ingående eget kapital"}.get(row.get("what"), names.get(item, item))
        if label and label not in g["items"]:
            g["items"].append(label)
        if row.get("year") is not None:
            g["years"].add(int(row["year"]))
    store_rows = []
    for (text, source), g in grouped.items():
        years = sorted(g["years"])
        span = (f"{years[0]}–{years[-1]}" if len(years) > 1 and years == list(range(years[0], years[-1] + 1))
                else ", ".join(map(str, years)))
        what = ", ".join(g["items"]) + (f" ({span})" if span else "")
        store_rows.append((what, text, source or "–"))
    contra_rows = [
        (str(c.get("subject") or ""), str(c.get("description") or ""), str(c.get("source") or "–"))
        for c in contradictions or ()
    ]
    return scenario_rows, store_rows, contra_rows


def _three_column(rows, header, s, width):
    from reportlab.lib.units import mm

    widths = [42 * mm, width - 42 * mm - 45 * mm, 45 * mm]
    data = [[_p(h, s["cell_bold"]) for h in header]]
    for a, b, c in rows:
        data.append([_p(a, s["cell"]), _p(b, s["cell"]), _p(c, s["cell"])])
    table = _table(data, widths, numeric_from=3, zebra=True)
    from reportlab.platypus import TableStyle

    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def scenario_report(
    entries: Iterable[Any],
    *,
    federation_name: str,
    created: date,
    title: str = "Budget och eget kapital – scenarier",
    provenance: Sequence[Mapping] = (),
    contradictions: Sequence[Mapping] = (),
    labels: Mapping[str, str] | None = None,
    status: str = "",
) -> bytes:
    """The report as PDF bytes. `status` ("Utkast", or a proposal for decision) is
    printed under the title and at the top of every page. `entries` as for `workbook.scenario_workbook`:
    (name, plan, projection[, assumptions]); 1–4 scenarios, the first is the
    reference of a comparison. `provenance` and `contradictions` are the rows of
    `store.load_provenance` / `store.load_contradictions` for the federation."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, PageBreak, SimpleDocTemplate, Spacer

    items = as_entries(entries)
    if len(items) > MAX_COMPARED:
        raise ValueError(f"a report compares at most {MAX_COMPARED} scenarios, got {len(items)}")
    _register_fonts()
    s = _styles()
    buffer = io.BytesIO()
    margin = 18 * mm
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=16 * mm,
        bottomMargin=18 * mm, title=f"{title} – {federation_name}", author="finsam-planner",
        subject=federation_name, lang="sv-SE",
    )
    width = A4[0] - 2 * margin
    footer = f"{federation_name} · {title} · {created.isoformat()}"

    def on_page(canvas, doc_):
        canvas.saveState()
        canvas.setFont(_FONT, 7.5)
        canvas.setFillColorRGB(0.35, 0.35, 0.35)
        canvas.drawString(margin, 10 * mm, footer)
        canvas.drawRightString(A4[0] - margin, 10 * mm, f"Sida {doc_.page}")
        if status:  # the paper's standing on every page, so no page is taken for a decision
            canvas.setFont(_FONT_BOLD, 9)
            canvas.setFillColorRGB(0.64, 0.23, 0.0)
            canvas.drawRightString(A4[0] - margin, A4[1] - 10 * mm, _short(status, 90))
        canvas.restoreState()

    story: list = [
        _p(title, s["title"]),
        _p(federation_name, s["h1"]),
        _p(f"Skapad {created.isoformat()} · belopp i tkr (tusental kronor)", s["body"]),
    ]
    if status:
        story.append(_p(status, s["warn"]))
    story.append(Spacer(1, 4 * mm))
    overview = [["Nr", "Scenario", "Förändringar mot planen"]]
    for i, e in enumerate(items, start=1):
        levers = describe_levers(e.projection.scenario)
        levers += [text for text, _ in (assumption_text(a) for a in e.assumptions) if text not in levers]
        overview.append([str(i), _p(e.name, s["cell"]), _p("; ".join(levers) or "Inga (planen som den är)",
                                                               s["cell"])])
    story.append(_table(overview, [10 * mm, 60 * mm, width - 70 * mm], numeric_from=3))
    story.append(Spacer(1, 4 * mm))

    if len(items) > 1:
        story += _comparison_flowables(items, s, width)

    for i, e in enumerate(items, start=1):
        if len(items) > 1 or i > 1:
            story.append(PageBreak())
        heading = f"{i}. {e.name}" if len(items) > 1 else f"Scenario: {e.name}"
        story.append(_p(heading, s["h1"]))
        if e.description:
            story.append(_p(e.description, s["body"]))
        story.append(_p("Nyckeltal", s["h2"]))
        story += _key_figure_flowables(e, s, width)
        if len(items) == 1:
            story.append(Spacer(1, 3 * mm))
            story.append(_chart_flowable(equity_chart_png([(e.name, e.plan, e.projection)]), width))
        # The budget table moves whole to the next page when it does not fit below.
        story.append(KeepTogether([
            _p("Budget (tkr)", s["h2"]),
            _budget_table(e, s, width, labels),
            _p("Summor är summan av de avrundade raderna; ingående eget kapital är föregående års "
               "utgående (avrundning till tkr kan flytta en summa 1 tkr)."
               + (" Grå kolumner är utfallsår." if any(e.plan.is_outcome(r.year) for r in e.projection.years)
                  else ""), s["small"]),
        ]))

    scenario_rows, store_rows, contra_rows = _assumption_rows(items, provenance, contradictions)
    story.append(PageBreak())
    story.append(_p("Antaganden och källor", s["h1"]))
    if scenario_rows:
        story.append(_p("Scenariernas antaganden", s["h2"]))
        story.append(_three_column(scenario_rows, ("Scenario", "Antagande", "Källa"), s, width))
    story.append(_p("Antaganden i planens siffror", s["h2"]))
    if store_rows:
        story.append(_three_column(store_rows, ("Gäller", "Antagande", "Källa"), s, width))
    else:
        story.append(_p("Alla belopp är hämtade direkt ur källan; inga antagna belopp.", s["body"]))
    story.append(_p("Motsägelser i källorna", s["h2"]))
    if contra_rows:
        story.append(_three_column(contra_rows, ("Avser", "Beskrivning och hantering", "Källa"), s, width))
    else:
        story.append(_p("Inga motsägelser registrerade.", s["body"]))
    story.append(Spacer(1, 6 * mm))
    story.append(KeepTogether([_p(f"Rapporten skapad {created.isoformat()} med finsam-planner.", s["small"])]))

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()
