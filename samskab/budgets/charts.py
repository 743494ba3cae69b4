"""Numbers for the server-rendered SVG bar chart of votes per project.

The SVG (``role="img"`` with a ``<title>``) draws only the bars; the project names and
numbers sit beside it as HTML in rows of the same height, because text inside an SVG image
cannot be checked for contrast. Winners get a hatched pattern and a tick, so the chart never
relies on colour alone. A data table beside it carries the same numbers for screen readers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

BAR_HEIGHT = 28
GAP = 10
PLOT_WIDTH = 360


def bar_chart(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    top = max((float(row["score"]) for row in rows), default=0.0) or 1.0
    bars = []
    for position, row in enumerate(rows):
        value = float(row["score"])
        bars.append(
            {
                "y": GAP // 2 + position * (BAR_HEIGHT + GAP),
                "width": max(round(PLOT_WIDTH * value / top), 2 if value else 0),
                "label": row["title"],
                "value": row["score"],
                "won": row["won"],
            }
        )
    return {
        "width": PLOT_WIDTH,
        "height": len(rows) * (BAR_HEIGHT + GAP),
        "bar_height": BAR_HEIGHT,
        "bars": bars,
    }
