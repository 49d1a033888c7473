"""Small server-rendered SVG charts: no JavaScript, a few hundred bytes each."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

LEVEL_COLOURS = ["#b91c1c", "#f59e0b", "#facc15", "#34d399", "#0b6e4f"]
ACTIVITY_COLOURS = ["#0b6e4f", "#f59e0b", "#b91c1c"]


def stacked_bars(rows, *, keys, colours, label_width=150, width=620, bar=16, gap=6):
    """Horizontal stacked bars; rows are (label, {key: value}) pairs."""
    if not rows:
        return ""
    total_max = max(sum(values.get(k, 0) for k in keys) for _label, values in rows) or 1
    scale = (width - label_width - 40) / total_max
    height = len(rows) * (bar + gap) + gap
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" class="chart">'
    ]
    for i, (label, values) in enumerate(rows):
        y = gap + i * (bar + gap)
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar - 4}" text-anchor="end" '
            f'font-size="11">{escape(label)}</text>'
        )
        x = label_width
        for key, colour in zip(keys, colours, strict=True):
            value = values.get(key, 0)
            if value:
                w = value * scale
                parts.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" '
                    f'fill="{colour}"><title>{value}</title></rect>'
                )
                x += w
        total = sum(values.get(k, 0) for k in keys)
        parts.append(
            f'<text x="{x + 4:.1f}" y="{y + bar - 4}" font-size="11">{total}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every label is escaped above


def legend(items):
    html = " ".join(
        f'<span class="legend"><span style="background:{colour}"></span>{escape(str(label))}</span>'
        for label, colour in items
    )
    return mark_safe(html)  # noqa: S308 - labels are escaped
