"""What a deck says, computed once: the engine's figures for one pitch, seen through one audience.

Section builders read a ``Facts`` and never compute a figure themselves:
every number comes from the pitch's ``Analysis`` (its evaluation, scenarios
and tornado, each derived once), the options ranking and RADAR readiness, or
from the pitch as entered, and is turned into text only through
``ldpitch.format`` (the helpers below bind the pitch's currency and locale).
A ``Facts`` is immutable: what the outline learns after the sections ran
(which slides the deck has, which objections each answers) goes to the notes
as arguments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property

from ldpitch import format as fmt
from ldpitch.deck.audience import Lens
from ldpitch.engine import (
    TOP_DRIVERS,
    Analysis,
    BenefitItem,
    Evaluation,
    Figure,
    RankedOption,
    Scenario,
    TornadoBar,
    Undefined,
    analyse,
    rank_options,
    readiness_share,
    recommendation,
)
from ldpitch.narrative import clip, count_word, noun_for, render_notes
from ldpitch.pitch import TEMPLATES, DeliveryFormat, Pitch

#: Longest name put inside an action title (the title as a whole stays under ~90 characters).
NAME_IN_TITLE = 38

#: Delivery formats as a noun a sentence can hold ("8 hours of on-the-job training").
DELIVERY_NOUN: dict[DeliveryFormat, str] = {
    DeliveryFormat.classroom: "classroom training",
    DeliveryFormat.virtual_classroom: "virtual classroom sessions",
    DeliveryFormat.e_learning: "e-learning",
    DeliveryFormat.mobile: "mobile learning",
    DeliveryFormat.blended: "blended learning",
    DeliveryFormat.coaching: "coaching and mentoring",
    DeliveryFormat.simulation: "simulation practice",
    DeliveryFormat.on_the_job: "on-the-job training",
    DeliveryFormat.conference: "conference sessions",
    DeliveryFormat.other: "learning",
}


#: An action title longer than this is shortened by ``fit`` (full text to the notes): builders aim below it.
TITLE_LIMIT = 90


def pick(*candidates: str, limit: int = TITLE_LIMIT) -> str:
    """The first candidate title that fits ``limit`` characters, else the shortest one.

    >>> pick("A title far too long for the slide", "A short title", limit=20)
    'A short title'
    """
    for c in candidates:
        if len(c) <= limit:
            return c
    return min(candidates, key=len)


def person(name: str, limit: int = 40) -> str:
    """A stakeholder's name without a trailing parenthetical, clipped: for bullets beside a chart.

    >>> person("Field sales reps (Jordan Blake, senior rep)")
    'Field sales reps'
    """
    head = name.split(" (", 1)[0].strip()
    return clip(head if len(head) >= 3 else name, limit)


def fits(text: str, limit: int) -> bool:
    """Whether user text is short enough to sit whole inside an action title (a cut name reads badly there).

    >>> fits("Mobile learning on the road", 34), fits("On-the-job standard-work training with digital instructions", 34)
    (True, False)
    """
    return 0 < len(text) <= limit


def short_name(text: str, limit: int = NAME_IN_TITLE) -> str:
    """A name short enough for a title: the part before a colon or dash if there is one, clipped.

    >>> short_name("Ridgeline on the Road: mobile lessons for field reps")
    'Ridgeline on the Road'
    >>> short_name("Coaching")
    'Coaching'
    >>> short_name("Board (chair: Gregory Hale)")
    'Board (chair: Gregory Hale)'
    """
    text = " ".join(text.split())
    for sep in (": ", " – ", " — ", " - "):
        head = text.split(sep, 1)[0]
        if 3 <= len(head) < len(text) and head.count("(") == head.count(")"):
            text = head
            break
    return clip(text, limit)


@dataclass(frozen=True, eq=False)
class Facts:
    """One pitch's figures (its ``Analysis``) seen through one audience."""

    pitch: Pitch
    lens: Lens
    analysis: Analysis

    @classmethod
    def of(cls, pitch: Pitch, lens: Lens, analysis: Analysis | None = None) -> Facts:
        return cls(pitch, lens, analysis or analyse(pitch))

    @property
    def e(self) -> Evaluation:
        """The expected case: every money figure of the pitch."""
        return self.analysis.evaluation

    # --- formatting bound to the pitch ---------------------------------------------------

    def money(self, amount: Decimal) -> str:
        return fmt.money(amount, self.pitch.currency, self.pitch.locale)

    def percent(self, value: Figure) -> str:
        return fmt.percent(value, self.pitch.locale)

    def share(self, value: Decimal) -> str:
        return fmt.share(value, self.pitch.locale)

    def months(self, value: Figure) -> str:
        return fmt.months(value, self.pitch.locale)

    def ratio(self, value: Figure) -> str:
        return fmt.ratio(value, self.pitch.locale)

    def number(self, value: Decimal | int) -> str:
        return fmt.number(Decimal(value), self.pitch.locale)

    def quantity(self, count: Decimal | int, singular: str, many: str | None = None) -> str:
        """A count in digits with the noun that goes with it: "262 people", "1 person", "12 weeks"."""
        return f"{self.number(count)} {noun_for(count, singular, many)}"

    def date(self, value: date | None) -> str:
        """A date in the pitch's locale, medium length ("Mar 15, 2027", "15.03.2027"); "to be set" when missing."""
        return fmt.date(value, self.pitch.locale)

    def score(self, value: Decimal) -> str:
        return fmt.score(value, self.pitch.locale)

    # --- names ---------------------------------------------------------------------------

    @cached_property
    def name(self) -> str:
        """The initiative's short name for titles ("the programme" when it has none)."""
        raw = self.pitch.initiative.name or self.pitch.title
        return short_name(raw) if raw else "The programme"

    @property
    def delivery(self) -> str:
        """The delivery format as a noun ("mobile learning", "on-the-job training")."""
        return DELIVERY_NOUN[self.pitch.initiative.delivery_format]

    @property
    def horizon_words(self) -> str:
        """``"the first year"`` or ``"three years"``: the span the figures cover."""
        years = self.pitch.horizon_years
        return "the first year" if years == 1 else f"{count_word(years)} years"

    @property
    def over_horizon(self) -> str:
        """``"in the first year"`` or ``"over three years"``."""
        return "in the first year" if self.pitch.horizon_years == 1 else f"over {self.horizon_words}"

    # --- the engine's results, computed once ---------------------------------------------

    @property
    def scenarios(self) -> tuple[Scenario, ...]:
        return self.analysis.scenarios

    @cached_property
    def tornado(self) -> list[TornadoBar]:
        """The inputs that move ROI most (as many as the tornado chart shows), widest first."""
        bars = self.analysis.tornado
        return [] if isinstance(bars, Undefined) else list(bars[:TOP_DRIVERS])

    @cached_property
    def ranked(self) -> list[RankedOption]:
        if not self.pitch.criteria:
            return []
        ranked = rank_options(self.pitch)
        return [] if isinstance(ranked, Undefined) else ranked

    @cached_property
    def recommended(self) -> str:
        rec = recommendation(self.pitch) if self.pitch.options else Undefined("no options")
        return "" if isinstance(rec, Undefined) else rec

    @cached_property
    def readiness(self) -> Decimal | None:
        share = readiness_share(self.pitch.radar)
        return None if isinstance(share, Undefined) else share

    @property
    def cost_categories(self) -> dict[str, Decimal]:
        """Fully loaded cost per category over the horizon, largest first."""
        return self.e.costs_by_category

    @property
    def has_costs(self) -> bool:
        return self.e.total_costs > 0

    @property
    def has_benefits(self) -> bool:
        return self.e.total_benefits > 0

    @property
    def has_return(self) -> bool:
        """Costs and counted benefits are both in: ROI, payback and break-even mean something."""
        return self.has_costs and self.has_benefits

    @property
    def pays_back(self) -> bool:
        return not isinstance(self.e.payback_months, Undefined)

    @property
    def time_cost(self) -> Decimal:
        """Participants' time away from work over the horizon (the cost leaders forget)."""
        return self.e.participants_time_cost

    def category_share(self, category: str) -> Decimal:
        """A cost category's share of the fully loaded cost, to 4 decimals (0 when it has no cost)."""
        found = self.e.category(category)
        return Decimal(0) if found is None else found.share

    # --- benefits through the audience's eyes ---------------------------------------------

    def benefit_leads(self, item: BenefitItem) -> bool:
        """Whether a benefit is one this audience buys (its preset or the template's audiences say so)."""
        return item.template in self.lens.lead_benefits or self.lens.type.value in TEMPLATES[item.template].audiences

    @cached_property
    def benefits_for_audience(self) -> list[BenefitItem]:
        """Counted benefit lines: this audience's lead benefits first, largest first within each group."""
        # Among the benefits this audience buys, the largest leads: it is the strongest figure in their terms.
        return sorted(self.e.benefits, key=lambda b: (not self.benefit_leads(b), -b.counted))

    @cached_property
    def lead_benefit(self) -> BenefitItem | None:
        """The benefit the deck leads with: this audience's first lead benefit that counts anything."""
        return next((b for b in self.benefits_for_audience if b.counted > 0), None)

    # --- notes -----------------------------------------------------------------------------

    def context(self, present: frozenset[str] = frozenset()) -> dict:
        """What every notes template can use; ``present`` names the sections the deck has (notes point only to slides that exist)."""
        p, lens = self.pitch, self.lens
        return {
            "currency": p.currency,
            "locale": p.locale,
            "pitch": p,
            "name": self.name,
            "e": self.e,
            "audience": lens,
            "audience_short": person(lens.name, 60),
            "deck": present,
            "horizon_years": p.horizon_years,
            "delivery": self.delivery,
            "horizon_words": self.horizon_words,
            "over_horizon": self.over_horizon,
            "has_costs": self.has_costs,
            "has_benefits": self.has_benefits,
            "has_return": self.has_return,
            "pays_back": self.pays_back,
            "recommended": self.recommended,
            "when": self.date,
        }

    def notes(self, section: str, *, present: frozenset[str] = frozenset(), objections: list | None = None, **extra) -> str:
        """The speaker notes of ``section``: its template with the common context, ``extra`` and the objections it answers."""
        return render_notes(section, {**self.context(present), "objections": objections or [], **extra})
