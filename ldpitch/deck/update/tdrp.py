"""Results the TDRp way, worded once: per measure the baseline, plan, latest actual, share of plan and year-end forecast, and the
business case re-forecast for its horizon; the Track page, the update deck and their tests read these rows.

A Talent Development Reporting principles (TDRp) management report puts, for
every measure, the plan beside the actual to date, the share of plan achieved
and a year-end forecast. The figures are the engine's (``track``: progress,
``Forecast``, ``Reforecast``); this module only words them, in the pitch's
currency and locale.
"""

from __future__ import annotations

from dataclasses import dataclass

from ldpitch.deck.facts import Facts, pick
from ldpitch.deck.slides import SlideSpec, TableSpec
from ldpitch.deck.update.measures import Update
from ldpitch.engine import MeasureProgress, Tracking, Undefined
from ldpitch.narrative import clip, plural
from ldpitch.pitch import Pitch

#: The report's columns, as the Track page shows them (the deck folds the unit into the values and the date into the actual).
COLUMNS = ("Measure", "Unit", "Baseline", "Plan (target)", "Latest actual", "Read on", "Share of plan achieved",
           "Year-end forecast", "Forecast share of plan")
DECK_COLUMNS = ("Measure", "Baseline", "Plan", "Actual to date", "Share of plan", "Year-end forecast", "Forecast share of plan")
MONEY_COLUMNS = ("Over the horizon", "Business case", "Re-forecast")
NOT_SET, NO_READING, NO_TREND = "not set", "no reading yet", "no trend yet"


@dataclass(frozen=True)
class ReportRow:
    """One measure of the TDRp report, every cell already worded."""

    measure: str
    unit: str
    baseline: str
    plan: str
    latest: str
    read_on: str
    achieved: str
    forecast: str
    forecast_share: str

    def cells(self) -> tuple[str, ...]:
        """The row under ``COLUMNS``."""
        return (self.measure, self.unit, self.baseline, self.plan, self.latest, self.read_on, self.achieved, self.forecast, self.forecast_share)

    def deck_cells(self) -> tuple[str, ...]:
        """The row under ``DECK_COLUMNS``: the unit folded into the values, the date into the actual."""
        latest = f"{self.latest} ({self.read_on})" if self.read_on else self.latest
        return (self.measure, self.baseline, self.plan, latest, self.achieved, self.forecast, self.forecast_share)


@dataclass(frozen=True)
class ResultsReport:
    """The whole report: a row per measure, the money over the horizon, and the forecast method in words."""

    rows: tuple[ReportRow, ...]
    money: tuple[tuple[str, str, str], ...]
    method: str
    basis: str
    money_title: str

    def records(self) -> list[dict[str, str]]:
        """The rows as the app's table shows them: column title to cell."""
        return [dict(zip(COLUMNS, row.cells(), strict=True)) for row in self.rows]

    def money_records(self) -> list[dict[str, str]]:
        return [dict(zip(MONEY_COLUMNS, row, strict=True)) for row in self.money]


def forecast_gap(m: MeasureProgress) -> str:
    """Why a measure has no year-end forecast, in a few words ("" when it has one)."""
    if not m.tracked:
        return NO_READING
    if isinstance(m.forecast.value, Undefined):
        return NO_TREND
    return ""


def report_row(u: Update, m: MeasureProgress) -> ReportRow:
    """One measure's row: its values as the deck writes them (percentages for "%" units)."""
    f, mm = u.f, m.measure
    baseline = u.value(m, mm.baseline) if mm.baseline is not None else NOT_SET
    plan = u.value(m, mm.target) if mm.target is not None else NOT_SET
    latest = u.value(m, m.latest.value) if m.tracked else NO_READING
    read_on = f.date(m.latest.on) if m.tracked else ""
    achieved = "n/a" if isinstance(m.progress, Undefined) else f.share(m.progress)
    if not m.tracked:
        achieved = "–"
    gap = forecast_gap(m)
    forecast = ("–" if gap == NO_READING else gap) or u.value(m, m.forecast.value)
    share = "–" if gap else ("n/a" if isinstance(m.forecast.progress, Undefined) else f.share(m.forecast.progress))
    return ReportRow(clip(m.name, 70), mm.unit, baseline, plan, latest, read_on, achieved, forecast, share)


def method_words(u: Update) -> str:
    """The forecast method, with the year-end date, for the page's caption and the slide's footnote."""
    t = u.t
    end = u.f.date(t.year_end) if t.year_end else "the end of the programme year"
    year = "the current programme year from launch" if t.launch_date else "the calendar year (no launch date is set)"
    return (f"Share of plan achieved = (latest − baseline) ÷ (plan − baseline). Year-end forecast: a straight line fitted through "
            f"each measure's readings so far (least squares), read on {end}, the end of {year}; never from a single reading, "
            f"and never past what the measure can take (below 0, or above 100%).")


def basis_words(u: Update) -> str:
    """How the re-forecast is made, in one sentence."""
    return ("Re-forecast = each benefit line's counted benefit over the horizon × its measure's share of plan at year-end "
            "(the trend, or the latest reading held flat without one; at most 100%); a line whose measure has no reading counts nothing. "
            "Costs as budgeted.")


def money_rows(u: Update) -> tuple[tuple[str, str, str], ...]:
    """Benefits, costs, net and ROI over the horizon: the business case and the re-forecast."""
    f, r = u.f, u.t.reforecast
    return (("Counted benefits", f.money(r.case_benefits), f.money(r.benefits)),
            ("Fully loaded costs", f.money(r.case_costs), f.money(r.costs)),
            ("Net benefit", f.money(r.case_net), f.money(r.net)),
            ("ROI", f.percent(r.case_roi), f.percent(r.roi)))


def on_course(t: Tracking) -> tuple[list[MeasureProgress], list[MeasureProgress]]:
    """(the measures with a trend, those of them whose year-end forecast reaches plan)."""
    trended = [m for m in t.tracked if not isinstance(m.forecast.progress, Undefined)]
    return trended, [m for m in trended if m.forecast.progress >= 1]


def report_title(u: Update) -> str:
    """The action title of the report slide: how many measures are on course for plan by year-end, or have reached it."""
    t, f = u.t, u.f
    trended, reaching = on_course(t)
    by = f.date(t.year_end)
    if len(trended) == 1:
        return f"The one measure with a trend {'is' if reaching else 'is not'} on course for plan by {by}"
    if len(reaching) == len(trended) == 2:
        return f"Both measures with a trend are on course for plan by {by}"
    if trended:
        return (f"All {len(trended)} measures with a trend are on course for plan by {by}" if len(reaching) == len(trended)
                else f"{len(reaching)} of {len(trended)} measures with a trend are on course for plan by {by}")
    reached, read = [m for m in t.tracked if m.status == "reached"], len(t.tracked)
    if read == 1:
        return f"The one measure read so far {'has' if reached else 'has not'} reached plan; a forecast needs a second reading"
    return f"{len(reached)} of {read} measures read so far have reached plan; a forecast needs a second reading"


def results_report(pitch: Pitch, t: Tracking) -> ResultsReport:
    """The TDRp report of a pitch's tracking, worded as the Track page shows it.

    >>> from ldpitch.pitch.examples import load
    >>> from ldpitch.engine.tracking import track
    >>> p = load("onboarding")
    >>> row = next(r for r in results_report(p, track(p)).rows if r.measure == "Months to proficiency")
    >>> row.baseline, row.plan, row.latest, row.achieved, row.forecast, row.forecast_share
    ('7', '4.5', '5.4', '64%', '4.62', '95.2%')
    """
    from ldpitch.deck.audience import lens  # deferred, as in measure_briefs

    u = Update(Facts.of(pitch, lens(pitch, None)), t)
    heading = f"**The business case {u.f.over_horizon}**, re-forecast from each measure's share of plan at year-end"
    return ResultsReport(tuple(report_row(u, m) for m in t.measures), money_rows(u), method_words(u), basis_words(u), heading)


# --- the slides ------------------------------------------------------------------------------------


def report_slide(u: Update) -> SlideSpec:
    """The TDRp table: every measure of the plan, continued on following slides (rows shared evenly) when many."""
    t = u.t
    trended, reaching = on_course(t)
    rows = tuple(report_row(u, m).deck_cells() for m in t.measures)
    table = TableSpec(DECK_COLUMNS, rows, align=("left", "right", "right", "right", "right", "right", "right"),
                      widths=(3.2, 1.1, 1.1, 1.9, 1.1, 1.5, 1.2))
    single = [m for m in t.tracked if forecast_gap(m)]
    notes = u.notes("report", year_end=u.f.date(t.year_end), trended=trended, reaching=reaching,
                    behind=[m for m in trended if m not in reaching], single=single, waiting=[m for m in t.measures if not m.tracked])
    return SlideSpec("report", report_title(u), table=table, notes=notes)


def outlook_title(u: Update) -> str:
    """The action title of the re-forecast: the horizon's benefits now against the business case's."""
    f, r = u.f, u.t.reforecast
    horizon = f.over_horizon.replace("in the first year", "for the first year")
    if r.case_benefits > 0 and all(isinstance(x.basis, Undefined) for x in r.lines if x.case > 0):
        return f"No benefit is re-forecast yet: the measures behind the {f.money(r.case_benefits)} case have no reading"
    if r.benefits >= r.case_benefits:
        return f"Re-forecast {horizon}, benefits are on the business case's {f.money(r.case_benefits)}"
    return pick(f"Re-forecast {horizon}, benefits are {f.money(r.benefits)} against {f.money(r.case_benefits)} in the business case",
                f"Re-forecast benefits are {f.money(r.benefits)} against {f.money(r.case_benefits)} in the case")


def outlook_slide(u: Update) -> SlideSpec:
    """The business case over its horizon next to its re-forecast from the year-end trends."""
    f, r = u.f, u.t.reforecast
    table = TableSpec(MONEY_COLUMNS, money_rows(u), align=("left", "right", "right"), widths=(2.6, 2, 2))
    pending = [x for x in r.lines if isinstance(x.basis, Undefined) and x.case > 0]
    trended = [x for x in r.lines if x.trend]
    held = [x for x in r.lines if not x.trend and not isinstance(x.basis, Undefined)]
    bullets = []
    if trended:
        bullets.append(f"{plural(len(trended), 'benefit line').capitalize()} follow{'s' if len(trended) == 1 else ''} "
                       f"{'its' if len(trended) == 1 else 'their'} measure's trend to {f.date(u.t.year_end)}.")
    if held:
        bullets.append(f"{plural(len(held), 'benefit line').capitalize()} hold{'s' if len(held) == 1 else ''} the latest reading: "
                       "one reading is no trend yet.")
    if pending:
        bullets.append(f"Nothing re-forecast yet for {plural(len(pending), 'benefit line')}: no reading of {'its measure' if len(pending) == 1 else 'their measures'}.")
    bullets.append("Re-forecast = counted benefit over the horizon × share of plan at year-end (at most 100%); costs as budgeted.")
    return SlideSpec("outlook", outlook_title(u), table=table, bullets=tuple(bullets),
                     notes=u.notes("outlook", r=r, year_end=f.date(u.t.year_end), pending=pending))
