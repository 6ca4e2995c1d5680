"""Charts drawn on the server as SVG: horizontal bars, lines by month, a Sankey, a histogram.

Each ``*_geometry`` turns a ``ChartData`` into the numbers its template
(``templates/members/overview/chart_<kind>.html``) writes as SVG attributes: no script, no
inline style; colours come from CSS classes (``static/css/app.css``, "Dashboard charts").
"""

from dataclasses import dataclass

from members.overview.registry import BARS, LINE, SANKEY, ChartData

WIDTH = 640
BAR_ROWS = 15  # the bars shown; the numbers table lists them all
ROW, LABEL, VALUE_ROOM = 26, 150, 60
PLOT_HEIGHT, MARGIN = 200, 36
NODE, GAP, SANKEY_LABEL = 12, 8, 150


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    x: float
    y: float
    width: float
    height: float

    @property
    def end(self) -> float:
        return round(self.x + self.width, 1)


def geometry(data: ChartData) -> dict:
    """What the chart's template draws, by kind."""
    draw = {BARS: bars_geometry, LINE: line_geometry, SANKEY: sankey_geometry}
    return draw.get(data.kind, histogram_geometry)(data)


def bars_geometry(data: ChartData) -> dict:
    rows = data.rows[:BAR_ROWS]
    most = max((row.value for row in rows), default=0) or 1
    room = WIDTH - LABEL - VALUE_ROOM
    bars = [
        Bar(row.label, row.value, LABEL, i * ROW + 4, round(room * row.value / most, 1), ROW - 8)
        for i, row in enumerate(rows)
    ]
    return {"width": WIDTH, "height": max(len(bars), 1) * ROW, "bars": bars}


def histogram_geometry(data: ChartData) -> dict:
    rows = data.rows
    most = max((row.value for row in rows), default=0) or 1
    step = (WIDTH - 2 * MARGIN) / max(len(rows), 1)
    bars = []
    for i, row in enumerate(rows):
        height = round(PLOT_HEIGHT * row.value / most, 1)
        x = MARGIN + i * step + 4
        top = MARGIN + PLOT_HEIGHT - height
        width = round(step - 8, 1)
        bars.append(Bar(row.label, row.value, round(x, 1), round(top, 1), width, height))
    return {
        "width": WIDTH,
        "height": PLOT_HEIGHT + 2 * MARGIN,
        "bars": bars,
        "base": MARGIN + PLOT_HEIGHT,
        "half": round(step / 2 - 4, 1),
    }


def line_geometry(data: ChartData) -> dict:
    count = max(len(data.columns), 1)
    most = max((v for _name, values in data.series for v in values), default=0) or 1
    step = (WIDTH - 2 * MARGIN) / max(count - 1, 1)
    base = MARGIN + PLOT_HEIGHT

    def point(i: int, value: float) -> tuple[float, float]:
        return round(MARGIN + i * step, 1), round(base - PLOT_HEIGHT * value / most, 1)

    series = []
    for index, (name, values) in enumerate(data.series):
        points = [point(i, v) for i, v in enumerate(values)]
        series.append(
            {
                "name": name,
                "index": index,
                "points": " ".join(f"{x},{y}" for x, y in points),
                "dots": [(x, y, v) for (x, y), v in zip(points, values, strict=True)],
                "legend_x": MARGIN + index * 160,
            }
        )
    ticks = [(round(MARGIN + i * step, 1), label) for i, label in enumerate(data.columns)]
    return {
        "width": WIDTH,
        "height": base + MARGIN,
        "series": series,
        "ticks": ticks[::2],
        "base": base,
        "top": MARGIN,
        "most": most,
        "left": MARGIN,
        "right": WIDTH - MARGIN,
    }


def sankey_geometry(data: ChartData) -> dict:
    """Two columns of nodes (sources, targets) and a bezier path per flow, its stroke width
    proportional to the flow."""
    sources = _column([(f.source, f.value) for f in data.flows])
    targets = _column([(f.target, f.value) for f in data.flows])
    total = sum(f.value for f in data.flows) or 1
    height = max(ROW * max(len(sources), len(targets), 1) * 1.5, 160)
    gaps = GAP * (max(len(sources), len(targets)) - 1)
    scale = (height - max(gaps, 0)) / total
    left, right = SANKEY_LABEL, WIDTH - SANKEY_LABEL
    nodes_left = _place(sources, scale, left - NODE)
    nodes_right = _place(targets, scale, right)
    out_offset = {node["label"]: node["top"] for node in nodes_left}
    in_offset = {node["label"]: node["top"] for node in nodes_right}
    links, middle = [], (left + right) / 2
    for flow in data.flows:
        thickness = flow.value * scale
        y0 = out_offset[flow.source] + thickness / 2
        y1 = in_offset[flow.target] + thickness / 2
        out_offset[flow.source] += thickness
        in_offset[flow.target] += thickness
        path = f"M{left},{y0:.1f} C{middle},{y0:.1f} {middle},{y1:.1f} {right},{y1:.1f}"
        links.append({"d": path, "width": round(max(thickness, 1), 1), "flow": flow})
    return {
        "width": WIDTH,
        "height": round(height, 1),
        "left": nodes_left,
        "right": nodes_right,
        "links": links,
        "node": NODE,
    }


def _column(pairs: list[tuple[str, int]]) -> list[tuple[str, int]]:
    totals: dict[str, int] = {}
    for label, value in pairs:
        totals[label] = totals.get(label, 0) + value
    return sorted(totals.items(), key=lambda item: (-item[1], item[0]))


def _place(column: list[tuple[str, int]], scale: float, x: float) -> list[dict]:
    nodes, y = [], 0.0
    for label, value in column:
        height = value * scale
        nodes.append(
            {
                "label": label,
                "value": value,
                "x": x,
                "y": round(y, 1),
                "top": y,
                "height": round(max(height, 1), 1),
                "middle": round(y + height / 2, 1),
                "label_x": x + NODE + 4,
            }
        )
        y += height + GAP
    return nodes


def table_rows(data: ChartData) -> list[tuple]:
    """The numbers table's rows (the same numbers the chart draws)."""
    if data.kind == LINE:
        values = [values for _name, values in data.series]
        return [(month, *(v[i] for v in values)) for i, month in enumerate(data.columns)]
    if data.kind == SANKEY:
        return [(f.source, f.target, f.value) for f in data.flows]
    return [(row.label, row.value, *((row.note,) if row.note else ())) for row in data.rows]


def drawn(data: ChartData) -> dict:
    """A chart ready for ``members/overview/chart.html``."""
    return {"chart": data, "g": geometry(data), "rows": table_rows(data)}
