"""Results after launch: each measure's progress toward its target, and the benefits, costs and ROI realised to date.

Buy-in has to be kept, not only won (seeds 001 and 002): after launch the
L&D lead records actual KPI values (``Pitch.actuals``) and shares them
against the baselines and targets of the measurement plan. ``track(pitch)``
turns those readings into one ``Tracking`` summary that the app's Track
page and the results-update deck both read; neither computes a figure of
its own.

Conventions (conservative, in the spirit of the Phillips ROI Methodology):

- **progress** toward a target is ``(latest - baseline) / (target - baseline)``,
  to 4 decimals. It works for measures that should fall (error rates,
  attrition: target below baseline) as for those that should rise. It is
  never below 0 (a measure that moved away from its target has made no
  progress, and ``moved_away`` says so), and it is *not* capped above: 1.25
  means a quarter past the target, reported as such. Without a baseline, a
  target or a difference between them there is no progress to compute: an
  ``Undefined`` with the reason.
- **as of**: results are as of the latest reading of any measure of the
  plan unless a date is given, so the same pitch always gives the same
  figures (the core never reads the clock).
- **time since launch** is counted in years of 365 days from
  ``Pitch.launch_date`` to the as-of date, to 4 decimals, never below 0 and
  never beyond the pitch's horizon (the forecast counts no benefit beyond it).
- **realised benefit** of a benefit line linked to a measure
  (``BenefitLine.measure``) is ``counted benefit x credited progress x years
  since launch`` for a yearly line, and ``counted benefit x credited
  progress`` for a one-time line, rounded to the cent. Credited progress is
  the measure's progress capped at 1: the benefit's inputs were sized for the
  target, so doing better than the target is reported but not turned into
  more money until the inputs are revised (Phillips guiding principle 4:
  choose the most conservative alternative). A line with no linked measure,
  or whose measure has no reading yet, realises nothing (guiding principle 6:
  no improvement data, no improvement claimed). The latest reading's
  progress is credited for the whole time since launch; when a measure
  ramps up slowly this is generous, which the notes say aloud.
- **costs to date** are every one-time cost in full (spent at launch, even
  if some is paid later) plus each recurring cost pro rata for the years
  since launch: costs are never understated.
- **ROI to date** is ``(realised - costs to date) / costs to date x 100``, the
  same ``finance.roi_percent`` as the forecast; the **forecast to date**
  is what the forecast expected by now (each yearly counted benefit times
  the years since launch, one-time benefits in full), so realised and
  forecast are compared over the same months.
- **year-end forecast** and **re-forecast** (the TDRp management report's
  last columns): a straight-line trend through each measure's readings,
  read at the end of the current programme year, and the business case
  over its horizon scaled by those year-end shares of plan; the
  conventions are in ``ldpitch.engine.forecast``, the progress formulas in
  ``ldpitch.engine.progress``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from ldpitch.engine import finance
from ldpitch.engine.analysis import analyse
from ldpitch.engine.evaluation import Evaluation
from ldpitch.engine.finance import BenefitItem, Figure, Undefined
from ldpitch.engine.forecast import Forecast, Reforecast, measure_forecast, programme_year_end, reforecast, year_end_basis
from ldpitch.engine.progress import (
    costs_to_date,
    credited_progress,
    expected_progress,
    forecast_benefit_to_date,
    progress_toward_target,
    realised_benefit,
    years_since,
)
from ldpitch.pitch import ZERO, KpiActual, Level, Measure, Milestone, Pitch, round_to

Status = Literal["reached", "on_track", "behind", "moved_away", "in_progress", "no_readings", "not_measurable"]




# --- one measure ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasureProgress:
    """One measure of the plan and its readings up to the as-of date.

    ``progress`` is the latest reading's share of the way from baseline to
    target (``Undefined`` with the reason when there is no reading or nothing
    to measure against); ``expected`` is where a straight line from launch to
    the measure's due date would be at the latest reading (``None`` without
    both dates); ``status`` sums it up; ``forecast`` is the year-end trend
    (``ldpitch.engine.forecast``).
    """

    measure: Measure
    readings: tuple[KpiActual, ...]
    progress: Figure
    moved_away: bool
    expected: Decimal | None
    status: Status
    forecast: Forecast = Forecast(None, Undefined("no reading recorded yet"), Undefined("no reading recorded yet"))

    @property
    def name(self) -> str:
        return self.measure.measure

    @property
    def latest(self) -> KpiActual | None:
        return self.readings[-1] if self.readings else None

    @property
    def first(self) -> KpiActual | None:
        return self.readings[0] if self.readings else None

    @property
    def tracked(self) -> bool:
        """Whether the measure has at least one reading."""
        return bool(self.readings)

    @property
    def falling(self) -> bool:
        """Whether success means the measure goes down (its target is below its baseline)."""
        m = self.measure
        return m.baseline is not None and m.target is not None and m.target < m.baseline


def measure_progress(measure: Measure, actuals: list[KpiActual], as_of: date | None, launch: date | None = None) -> MeasureProgress:
    """The progress of one measure from its readings on or before ``as_of`` (all of them when ``as_of`` is None).

    >>> m = Measure(level="business impact", measure="Months to proficiency", baseline=7, target="4.5", due=date(2027, 12, 31))
    >>> r = [KpiActual(measure="Months to proficiency", on=date(2027, 9, 30), value="6.1"),
    ...      KpiActual(measure="Months to proficiency", on=date(2027, 12, 31), value="5.4")]
    >>> p = measure_progress(m, r, None, launch=date(2027, 4, 12))
    >>> (p.latest.value, p.progress, p.expected, p.status, p.falling)
    (Decimal('5.4'), Decimal('0.6400'), Decimal('1.0000'), 'behind', True)
    >>> (p.forecast.on, p.forecast.value, p.forecast.progress)
    (datetime.date(2028, 4, 11), Decimal('4.62'), Decimal('0.9520'))
    """
    readings = tuple(sorted((a for a in actuals if a.measure == measure.measure and (as_of is None or a.on <= as_of)), key=lambda a: a.on))
    if not readings:
        return MeasureProgress(measure, (), Undefined("no reading recorded yet"), False, None, "no_readings")
    latest = readings[-1]
    progress = progress_toward_target(measure.baseline, measure.target, latest.value)
    forecast = measure_forecast(measure, readings, programme_year_end(launch, as_of or latest.on))
    if isinstance(progress, Undefined):
        return MeasureProgress(measure, readings, progress, False, None, "not_measurable", forecast)
    moved_away = (latest.value - measure.baseline) * (measure.target - measure.baseline) < 0
    expected = expected_progress(launch, measure.due, latest.on)
    if moved_away:
        status: Status = "moved_away"
    elif progress >= 1:
        status = "reached"
    elif expected is None:
        status = "in_progress"
    else:
        status = "on_track" if progress >= expected else "behind"
    return MeasureProgress(measure, readings, progress, moved_away, expected, status, forecast)


# --- the whole pitch -------------------------------------------------------------------------


@dataclass(frozen=True)
class RealisedLine:
    """One benefit line: what the forecast counts, what it expected by now, and what has been realised."""

    label: str
    cadence: str
    measure: str  # the linked measure's name, "" when none
    counted: Decimal  # the forecast's counted benefit (a year, or once)
    forecast_to_date: Decimal
    progress: Figure  # the linked measure's progress, or why there is none
    credited: Decimal  # progress capped at 1; 0 when undefined
    realised: Decimal
    reason: str  # why nothing is realised ("" when something is)


@dataclass(frozen=True)
class Tracking:
    """A pitch's results after launch, and the forecast beside them.

    Money figures are ``Undefined`` (with the reason) when they cannot be
    dated: no launch date, or no reading yet. ``measures`` holds every
    measure of the plan, in plan order, each with its forecast at
    ``year_end`` (the end of the current programme year); ``reforecast`` is
    the business case over its horizon, re-forecast from those year-end
    shares of plan (``ldpitch.engine.forecast`` says how).
    """

    as_of: date | None
    launch_date: date | None
    years_elapsed: Figure
    measures: tuple[MeasureProgress, ...]
    lines: tuple[RealisedLine, ...]
    realised_benefits: Figure
    forecast_to_date: Figure
    costs_to_date: Figure
    net_to_date: Figure
    roi_to_date: Figure
    forecast_roi_to_date: Figure
    forecast: Evaluation
    unmatched_actuals: tuple[str, ...]  # names of measures with readings that are not in the plan
    upcoming_milestones: tuple[Milestone, ...]  # due after the as-of date, in date order
    year_end: date | None = None
    reforecast: Reforecast | None = None

    @property
    def has_results(self) -> bool:
        """Whether any measure of the plan has a reading."""
        return any(m.tracked for m in self.measures)

    @property
    def tracked(self) -> list[MeasureProgress]:
        """The measures with readings, in plan order."""
        return [m for m in self.measures if m.tracked]

    @property
    def money_known(self) -> bool:
        """Whether realised benefits, costs and ROI to date could be computed."""
        return not isinstance(self.realised_benefits, Undefined)

    @property
    def realised_share(self) -> Figure:
        """Realised benefits as a share of what the forecast expected by now, to 4 decimals."""
        if isinstance(self.realised_benefits, Undefined):
            return self.realised_benefits
        if isinstance(self.forecast_to_date, Undefined) or self.forecast_to_date <= 0:
            return Undefined("the forecast expected no benefit by now")
        return round_to(self.realised_benefits / self.forecast_to_date, 4)

    def progress_of(self, name: str) -> MeasureProgress | None:
        """The progress of the measure called ``name``, or None."""
        return next((m for m in self.measures if m.name == name), None)

    def due_measures(self) -> list[MeasureProgress]:
        """Application and impact measures still to report: not at target, due after the as-of date or not read yet, by due date."""
        out = [m for m in self.measures
               if m.measure.level in (Level.application, Level.impact, Level.roi) and m.status != "reached"
               and (not m.tracked or m.measure.due is None or self.as_of is None or m.measure.due > self.as_of)]
        return sorted(out, key=lambda m: (m.measure.due is None, m.measure.due or date.max))


def latest_reading_date(pitch: Pitch) -> date | None:
    """The date of the latest reading of any measure of the plan, or None."""
    names = {m.measure for m in pitch.measures}
    return max((a.on for a in pitch.actuals if a.measure in names), default=None)


def track(pitch: Pitch, as_of: date | None = None) -> Tracking:
    """The pitch's results as of ``as_of`` (default: its latest reading), beside the forecast.

    Pure: the same pitch and date always give the same figures.
    """
    forecast = analyse(pitch).evaluation
    as_of = as_of or latest_reading_date(pitch)
    launch = pitch.launch_date
    measures = tuple(measure_progress(m, pitch.actuals, as_of, launch) for m in pitch.measures)
    by_name = {m.name: m for m in measures}
    if as_of is None:
        years: Figure = Undefined("no results are tracked yet")
    elif launch is None:
        years = Undefined("the launch date is not set, so benefits and running costs to date cannot be counted")
    else:
        years = years_since(launch, as_of, pitch.horizon_years)
    # The engine lists benefit items in the pitch's order, one per line.
    lines = () if isinstance(years, Undefined) else tuple(
        _line(item, line.measure, by_name, years, pitch.currency) for item, line in zip(forecast.benefits, pitch.benefits, strict=True))
    names = set(by_name)
    unmatched = tuple(dict.fromkeys(a.measure for a in pitch.actuals if a.measure not in names))
    upcoming = tuple(sorted((m for m in pitch.milestones if m.due is not None and as_of is not None and m.due > as_of), key=lambda m: m.due))
    if isinstance(years, Undefined):
        realised = forecast_to_date = spent = net = roi = forecast_roi = years
    else:
        realised = sum((x.realised for x in lines), ZERO)
        forecast_to_date = sum((x.forecast_to_date for x in lines), ZERO)
        spent = costs_to_date(forecast.costs, years, pitch.currency)
        net = realised - spent
        roi = finance.roi_percent(realised, spent)
        forecast_roi = finance.roi_percent(forecast_to_date, spent)
    basis = {m.name: year_end_basis(m.progress, m.forecast) if m.tracked else (Undefined(f"'{m.name}' has no reading yet"), False)
             for m in measures}
    outlook = reforecast(forecast, [line.measure for line in pitch.benefits], basis, pitch.currency)
    return Tracking(as_of, launch, years, measures, lines, realised, forecast_to_date, spent, net, roi, forecast_roi, forecast,
                    unmatched, upcoming, programme_year_end(launch, as_of) if as_of else None, outlook)


def _line(item: BenefitItem, name: str, by_name: dict[str, MeasureProgress], years: Decimal, currency: str) -> RealisedLine:
    progress_of = by_name.get(name)
    if not name:
        progress: Figure = Undefined("not linked to a measure of the plan, so nothing is counted as realised")
    elif progress_of is None:
        progress = Undefined(f"its measure '{name}' is not in the measurement plan")
    elif not progress_of.tracked:
        progress = Undefined(f"'{name}' has no reading yet")
    else:
        progress = progress_of.progress
    realised = realised_benefit(item.counted, progress, years, item.cadence, currency)
    if isinstance(progress, Undefined):
        reason = progress.reason
    elif progress == 0:
        reason = f"'{name}' has not moved toward its target yet"
    elif item.counted == 0:
        reason = "the forecast counts nothing for this line"
    else:
        reason = ""
    return RealisedLine(item.label, item.cadence, name, item.counted, forecast_benefit_to_date(item.counted, years, item.cadence, currency),
                        progress, credited_progress(progress), realised, reason)
