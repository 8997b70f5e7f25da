"""Progress toward targets and money to date: the formulas of results tracking, one doctested function each.

The conventions behind them (conservative, in the spirit of the Phillips ROI
Methodology) are told in ``ldpitch.engine.tracking``, which applies them to a
whole pitch; ``ldpitch.engine.forecast`` extends them to the year-end.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ldpitch.engine import finance
from ldpitch.engine.finance import CostItem, Figure, Undefined
from ldpitch.pitch import ZERO, round_money, round_to

#: A year of results, in days.
YEAR_DAYS = 365


def progress_toward_target(baseline: Decimal | None, target: Decimal | None, latest: Decimal) -> Figure:
    """Share of the way from baseline to target: ``(latest - baseline) / (target - baseline)``, to 4 decimals.

    Works both ways: a rising measure (calls handled without help, 35% to a
    70% target) and a falling one (an error rate from 6.2% to a 3.2% target).
    Never below 0; above 1 when the target is beaten.

    >>> progress_toward_target(Decimal(35), Decimal(70), Decimal(63))
    Decimal('0.8000')
    >>> progress_toward_target(Decimal("6.2"), Decimal("3.2"), Decimal("4.1"))
    Decimal('0.7000')
    >>> progress_toward_target(Decimal(58), Decimal(85), Decimal(90))
    Decimal('1.1852')
    >>> progress_toward_target(Decimal(34), Decimal(26), Decimal(36))
    Decimal('0.0000')
    >>> progress_toward_target(None, Decimal(26), Decimal(30))
    Undefined(reason='no baseline is set, so there is nothing to measure progress from')
    >>> progress_toward_target(Decimal(5), Decimal(5), Decimal(4))
    Undefined(reason='the baseline and the target are the same, so there is no distance to cover')
    """
    if baseline is None:
        return Undefined("no baseline is set, so there is nothing to measure progress from")
    if target is None:
        return Undefined("no target is set, so there is nothing to measure progress toward")
    if target == baseline:
        return Undefined("the baseline and the target are the same, so there is no distance to cover")
    return round_to(max(ZERO, (latest - baseline) / (target - baseline)), 4)


def credited_progress(progress: Figure) -> Decimal:
    """The share of a benefit that progress earns: progress capped at 1, nothing when it is undefined.

    >>> credited_progress(Decimal("0.64")), credited_progress(Decimal("1.1852"))
    (Decimal('0.64'), Decimal('1'))
    >>> credited_progress(Undefined("no readings yet"))
    Decimal('0')
    """
    if isinstance(progress, Undefined):
        return ZERO
    return min(progress, Decimal(1))


def years_since(launch: date, as_of: date, horizon_years: int | None = None) -> Decimal:
    """Years from launch to ``as_of`` (365-day years), to 4 decimals; 0 before launch, at most the horizon.

    >>> years_since(date(2027, 4, 12), date(2027, 12, 31))
    Decimal('0.7205')
    >>> years_since(date(2027, 4, 12), date(2027, 1, 1))
    Decimal('0.0000')
    >>> years_since(date(2027, 1, 1), date(2029, 1, 1), horizon_years=1)
    Decimal('1.0000')
    """
    years = Decimal(max(0, (as_of - launch).days)) / YEAR_DAYS
    if horizon_years is not None:
        years = min(years, Decimal(horizon_years))
    return round_to(years, 4)


def realised_benefit(counted: Decimal, progress: Figure, years: Decimal, cadence: str, currency: str = "USD") -> Decimal:
    """Benefit realised to date: ``counted x credited progress x years since launch`` (one-time lines: no time factor).

    Worked case: a yearly line counting 475,368.75, its measure 64% of the
    way to target, 0.7205 years after launch.

    >>> realised_benefit(Decimal("475368.75"), Decimal("0.64"), Decimal("0.7205"), "per_year")
    Decimal('219202.04')
    >>> realised_benefit(Decimal(10000), Decimal("1.5"), Decimal("0.5"), "one_time")
    Decimal('10000.00')
    >>> realised_benefit(Decimal(10000), Undefined("no readings yet"), Decimal("0.5"), "per_year")
    Decimal('0.00')
    """
    time_factor = years if cadence == "per_year" else Decimal(1)
    return round_money(counted * credited_progress(progress) * time_factor, currency)


def forecast_benefit_to_date(counted: Decimal, years: Decimal, cadence: str, currency: str = "USD") -> Decimal:
    """What the forecast expected a line to bring by now: a yearly line times the years since launch, a one-time line in full.

    >>> forecast_benefit_to_date(Decimal("33600"), Decimal("0.7205"), "per_year")
    Decimal('24208.80')
    >>> forecast_benefit_to_date(Decimal("5000"), Decimal("0.2"), "one_time")
    Decimal('5000.00')
    """
    return round_money(counted * (years if cadence == "per_year" else Decimal(1)), currency)


def costs_to_date(items: list[CostItem], years: Decimal, currency: str = "USD") -> Decimal:
    """Fully loaded costs so far: every one-time cost in full, recurring costs pro rata for the years since launch.

    >>> costs_to_date([CostItem("a", "other", "one_time", Decimal("132810")), CostItem("b", "other", "per_year", Decimal("249508"))],
    ...               Decimal("0.7205"))
    Decimal('312580.51')
    """
    return round_money(finance.one_time_total(items) + finance.recurring_total(items) * years, currency)


def expected_progress(launch: date | None, due: date | None, on: date) -> Decimal | None:
    """Where a straight line from launch (0) to the due date (1) stands on ``on``, to 4 decimals, within [0, 1].

    >>> expected_progress(date(2027, 4, 12), date(2028, 3, 31), date(2027, 12, 31))
    Decimal('0.7429')
    >>> expected_progress(date(2027, 4, 12), date(2027, 7, 31), date(2027, 9, 30))
    Decimal('1.0000')
    >>> expected_progress(None, date(2027, 7, 31), date(2027, 9, 30)) is None
    True
    """
    if launch is None or due is None or due <= launch:
        return None
    share = Decimal((on - launch).days) / Decimal((due - launch).days)
    return round_to(min(Decimal(1), max(ZERO, share)), 4)
