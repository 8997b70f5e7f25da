"""How tracked results read in the update deck: its context (``Update``), the words for one measure, and its charts."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from ldpitch.charts import ChartSpec, Series
from ldpitch.charts import build as chart_builders
from ldpitch.deck.facts import Facts, pick
from ldpitch.deck.sections import measure_value
from ldpitch.engine import MeasureProgress, Tracking, Undefined
from ldpitch.narrative import clip, lower_first, render_text
from ldpitch.pitch import Pitch


@dataclass
class Update:
    """One update deck's inputs: the pitch's facts (formatting bound to its currency and locale) and its tracking."""

    f: Facts
    t: Tracking

    @property
    def pitch(self) -> Pitch:
        return self.f.pitch

    @property
    def name_in_sentence(self) -> str:
        """The initiative's short name inside a sentence ("the programme" when it has none)."""
        return self.f.name if (self.pitch.initiative.name or self.pitch.title) else lower_first(self.f.name)

    def value(self, m: MeasureProgress, value: Decimal, *, with_unit: bool = False) -> str:
        """A measure's value as written on the slide (a percentage for "%" units, money for currency units)."""
        return measure_value(self.f, m.measure, value, with_unit=with_unit)

    def notes(self, section: str, **extra) -> str:
        """The speaker notes of one section of the update deck."""
        f, t = self.f, self.t
        context = {**f.context(), "t": t, "name_mid": self.name_in_sentence, "as_of": f.date(t.as_of), "launch": f.date(t.launch_date), **extra}
        return render_text(f"notes/update/{section}.j2", context)


# --- words about one measure -----------------------------------------------------------------


def change_verb(u: Update, m: MeasureProgress) -> str:
    """How the measure moved: against its baseline, or since its first reading when it has none."""
    start = m.measure.baseline if m.measure.baseline is not None else m.first.value
    if m.latest.value == start:
        return "held"
    return "rose" if m.latest.value > start else "fell"


def direction_words(u: Update, m: MeasureProgress) -> str:
    """``"64% of the way to target"``, ``"past its 85% target"``, ``"away from its 26% target"``."""
    target = u.value(m, m.measure.target) if m.measure.target is not None else ""
    if m.status == "reached":
        return f"past its {target} target" if m.progress > 1 else f"reaching its {target} target"
    if m.status == "moved_away":
        return f"away from its {target} target"
    return f"{u.f.share(m.progress)} of the way to target"


def result_title(u: Update, m: MeasureProgress) -> str:
    """The action title of one measure's slide: how it moved, with its own numbers."""
    name, latest = m.name, u.value(m, m.latest.value, with_unit=True)
    if isinstance(m.progress, Undefined):
        return pick(f"{name} stands at {latest} on {u.f.date(m.latest.on)}", f"This measure stands at {latest} on {u.f.date(m.latest.on)}")
    verb = change_verb(u, m)
    start = u.value(m, m.measure.baseline)
    if verb == "held":
        return pick(f"{name} is still at its baseline of {latest}", f"This measure is still at its baseline of {latest}")
    way = direction_words(u, m)
    short_way = way.removesuffix(" to target")
    return pick(f"{name} {verb} from {start} to {latest}, {way}", f"{name} {verb} from {start} to {latest}, {short_way}",
                f"{name} {verb} from {start} to {latest}", f"This measure {verb} from {start} to {latest}, {way}")


def status_words(u: Update, m: MeasureProgress) -> str:
    """Where a measure stands against plan, in a few words (for tables and bullets)."""
    if m.status == "no_readings":
        overdue = m.measure.due is not None and u.t.as_of is not None and m.measure.due <= u.t.as_of
        return "Reading overdue" if overdue else "First reading due"
    if m.status == "not_measurable":
        return "Baseline or target still to set"
    if m.status == "moved_away":
        return "Moving away from target"
    if m.status == "reached":
        return "Target reached"
    share = u.f.share(m.progress)
    if m.status == "on_track":
        return f"{share} of the way, on track"
    if m.status == "behind":
        return f"{share} of the way, behind plan"
    return f"{share} of the way"


def brief(u: Update, m: MeasureProgress) -> str:
    """One tracked measure in a line: "Simulation assessment passed first time: 83%, target 85%"."""
    target = f", target {u.value(m, m.measure.target)}" if m.measure.target is not None else ""
    return f"{clip(m.name, 70)}: {u.value(m, m.latest.value, with_unit=True)}{target} ({lower_first(status_words(u, m))})."


def measure_briefs(pitch: Pitch, t: Tracking) -> list[tuple[MeasureProgress, str]]:
    """Every measure of the plan in one line, worded as the update deck words it (the Track page shows these).

    >>> from ldpitch.pitch.examples import load
    >>> from ldpitch.engine.tracking import track
    >>> p = load("onboarding")
    >>> [words for m, words in measure_briefs(p, track(p)) if m.name == "Months to proficiency"]
    ['Months to proficiency: 5.4, target 4.5 (64% of the way, behind plan).']
    """
    from ldpitch.deck.audience import lens  # deferred: the audience lens is needed only here

    u = Update(Facts.of(pitch, lens(pitch, None)), t)
    return [(m, brief(u, m) if m.tracked else f"{clip(m.name, 70)}: {lower_first(status_words(u, m))}.") for m in t.measures]


def tracking_chart(u: Update, m: MeasureProgress) -> ChartSpec | None:
    """The measure's tracking line (``chart_builders.kpi_tracking``) as a sponsor reads it: dates in the pitch's
    locale, and the actual line starting from the baseline, so a single reading still draws a line from where we started."""
    chart = chart_builders.kpi_tracking(u.pitch, m.name)
    if chart is None:
        return None
    f, base = u.f, m.measure.baseline
    dated = [(date.fromisoformat(c), s) for c, s in zip(chart.categories, zip(*(x.values for x in chart.series), strict=True), strict=True)]
    dated = [(d, values) for d, values in dated if m.latest is None or d <= m.latest.on]  # the readings up to the as-of date
    categories = tuple(f.date(d) for d, _ in dated)
    series = [replace(x, values=tuple(values[i] for _, values in dated)) for i, x in enumerate(chart.series)]
    if base is not None:
        categories = ("Baseline", *categories)
        series = [replace(x, values=(base if x.role in ("actual", "baseline") else x.values[0], *x.values)) for x in series]
    readings = "; ".join(f"{f.date(a.on)}: {u.value(m, a.value)}" for a in m.readings)
    unit = f" ({m.measure.unit})" if m.measure.unit else ""
    alt = (f"Line chart of {m.name}{unit}: "
           + (f"from a baseline of {u.value(m, base)}, " if base is not None else "")
           + f"actual readings {readings}"
           + (f", against a target of {u.value(m, m.measure.target)}" if m.measure.target is not None else "") + ".")
    return replace(chart, categories=categories, series=tuple(series), alt_text=alt)


def realised_chart(u: Update) -> ChartSpec:
    """Columns: each benefit line's realised benefit to date against what the forecast expected by now."""
    f, t = u.f, u.t
    lines = t.lines
    cats = tuple(clip(line.label, 40) for line in lines)
    words = "; ".join(f"{c}: forecast {f.money(line.forecast_to_date)}, realised {f.money(line.realised)}" for c, line in zip(cats, lines, strict=True))
    return ChartSpec(
        "column", "Benefits to date: forecast and realised",
        f"Column chart of each benefit line's counted benefit to date, as of {f.date(t.as_of)}: what the forecast expected by now "
        f"against what has been realised. {words}.",
        cats, (Series("Forecast by now", tuple(line.forecast_to_date for line in lines), "baseline"),
               Series("Realised to date", tuple(line.realised for line in lines), "actual")),
        currency=u.pitch.currency, locale=u.pitch.locale, y_title="Counted benefit to date",
    )


def money_gap(u: Update) -> str:
    """Why the update has no slide of benefits and costs to date ("" when it has one)."""
    t = u.t
    if isinstance(t.realised_benefits, Undefined):
        return t.realised_benefits.reason
    if not t.lines:
        return "the business case has no benefit in money to compare with"
    if not u.f.has_costs:
        return "the business case has no costs entered"
    return ""


