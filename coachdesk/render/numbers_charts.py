"""A rep's numbers as charts: one small chart per metric, the same on screen and in print."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from coachdesk.assembled.numbers import RepNumbers, format_value
from coachdesk.render import charts
from coachdesk.store.records import Metric, MetricUnit


def _tr(text: str) -> str:
    return QCoreApplication.translate("numbers", text)


def build_charts(numbers: RepNumbers) -> list[charts.TimeChart]:
    """One chart per metric shown: the week's number, and the even weekly share of target."""
    built = []
    for metric in numbers.metrics:
        points = tuple(
            (week.monday(), numbers.values[(week, metric.key)])
            for week in numbers.weeks
            if (week, metric.key) in numbers.values
        )
        needed = tuple(
            (week.monday(), numbers.needed[(week, metric.key)])
            for week in numbers.weeks
            if (week, metric.key) in numbers.needed
        )
        series = [
            charts.Series(_tr("Week"), points, style=charts.STYLES[0]),
        ]
        if needed:
            series.append(
                charts.Series(
                    _tr("Even share of target"), needed, step=True, style=charts.STYLES[1]
                )
            )

        def shown(value: float, metric: Metric = metric) -> str:
            # A count's axis never reads "2.5 deals": fractional ticks stay unlabelled.
            if metric.unit is MetricUnit.COUNT and value != int(value):
                return ""
            return format_value(metric, value, numbers.currency)

        # Small counts get whole-number ticks (0 to 4) rather than quarters of one.
        top = max([0.0, *(v for _, v in points), *(v for _, v in needed)])
        maximum = 4.0 if metric.unit is MetricUnit.COUNT and top < 4 else None
        built.append(
            charts.TimeChart(
                series=tuple(series),
                axis=charts.NumberAxis(minimum=0.0, maximum=maximum, format=shown),
                start=numbers.weeks[0].monday(),
                end=numbers.weeks[-1].monday(),
                title=metric.label,
                empty_text=_tr("No numbers in these weeks."),
            )
        )
    return built
