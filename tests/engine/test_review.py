"""Findings: what is missing, weak or open to a CFO's attack; never an error, always a message naming the fix."""

from decimal import Decimal as D

import pytest

from ldpitch.engine.review import STEPS, cfo_findings, completeness, findings, overall_completeness
from ldpitch.pitch.model import Pitch

# A pitch with nothing missing, nothing weak and nothing a CFO would strike out.
COMPLETE = {
    "title": "Coaching for new managers",
    "initiative": {"name": "Manager coaching", "why_it_matters": "Turnover in the first year is 30%.", "expected_results": "Fewer leavers.",
                   "development_weeks": "6", "course_length_hours": "24"},
    "objective": {"business_improvement": "First-year turnover down to 20%.", "behaviour_change": "Weekly one-to-ones."},
    "learner_groups": [{"name": "New managers", "headcount": 30, "hours_away": "24", "loaded_hourly_rate": "55"}],
    "milestones": [{"name": "Pilot", "due": "2026-03-01"}],
    "stakeholders": [{"name": "COO", "kpis": ["Turnover"], "pain_points": ["Hiring costs"],
                      "objections": [{"objection": "No time", "response": "Two hours a month."}]}],
    "primary_audience": "COO",
    "costs": [{"category": "delivery (facilitators)", "amount": "40000"}, {"category": "evaluation and reporting", "amount": "3000"}],
    "funding": [{"source": "L&D budget", "amount": "90000", "confirmed": True}],
    "benefits": [{"label": "Turnover", "template": "turnover_reduction", "attribution": "0.5", "confidence": "0.7",
                  "inputs": {"headcount": "300", "turnover_before": "0.3", "turnover_after": "0.15", "average_salary": "50000"},
                  "sources": {"headcount": "HRIS", "turnover_before": "HRIS", "turnover_after": "pilot", "average_salary": "payroll"},
                  "evidence": {"kind": "a pilot", "isolation": "control group", "supplied_by": "HR analytics"}}],
    "intangibles": [{"name": "Engagement"}],
    "options": [{"name": "Do nothing", "is_do_nothing": True, "scores": {"Impact": 1, "Cost": 10}},
                {"name": "Coaching", "scores": {"Impact": 9, "Cost": 5}}],
    "criteria": [{"name": "Impact", "weight": 70}, {"name": "Cost", "weight": 30}],
    "recommended_option": "Coaching",
    "goals": [{"goal": "Keep talent", "kpi": "First-year turnover"}],
    "measures": [
        {"level": "application", "measure": "One-to-ones held", "baseline": "1", "target": "4", "owner": "HR"},
        {"level": "business impact", "measure": "Turnover", "baseline": "0.3", "target": "0.2", "owner": "HR"},
    ],
    "radar": {k: {"score": 4} for k in ("resistance", "apathy", "disruptions", "application", "results")},
}
# costs 40,000 + 3,000 + 30 x 24 x 55 = 39,600 -> 82,600; funding 90,000 covers the first year.
# benefit 300 x (0.30 - 0.15) x 50,000 x 0.21 = 472,500 raw x 0.5 x 0.7 = 165,375 counted -> ROI 100.2%: plausible, positive.


def _pitch(**changes) -> Pitch:
    return Pitch.model_validate({"schema_version": 1, **{**COMPLETE, **changes}})


def _messages(p: Pitch, severity: str | None = None) -> list[str]:
    return [f.message for f in findings(p) if severity is None or f.severity == severity]


def test_a_complete_pitch_has_no_findings_and_is_fully_complete():
    p = _pitch()
    assert findings(p) == []
    assert overall_completeness(p) == D("1.00")
    assert set(completeness(p).values()) == {D(1)}


def test_an_empty_pitch_lists_what_every_step_needs_in_wizard_order():
    found = findings(Pitch())
    missing = [f for f in found if f.severity == "missing"]
    assert len(missing) == 19
    assert missing[0].message == "Name the initiative."
    assert [f.step for f in found] == sorted((f.step for f in found), key=[s for s, _ in STEPS].index)
    assert overall_completeness(Pitch()) == D("0.00")
    assert completeness(Pitch())["readiness"] == D(0)


@pytest.mark.parametrize(
    ("changes", "step", "severity", "message"),
    [
        ({"learner_groups": [], "costs": COMPLETE["costs"]}, "budget", "cfo",
         "Costs are not fully loaded: participants' time away from work is missing."),
        ({"learner_groups": [{"name": "Leads", "headcount": 5}]}, "initiative", "cfo",
         "Learner group 'Leads': enter hours away and the loaded hourly rate; time away from work is a real cost."),
        ({"benefits": [{**COMPLETE["benefits"][0], "attribution": "1"}]}, "budget", "cfo",
         "Turnover: no attribution. 100% of the improvement is credited to the programme; estimate its share."),
        ({"benefits": [{**COMPLETE["benefits"][0], "confidence": "1"}]}, "budget", "cfo",
         "Turnover: 100% confidence. Adjust the estimate for its possible error."),
        ({"benefits": [{"label": "Sales", "template": "sales_uplift", "attribution": "0.5", "confidence": "0.5",
                        "inputs": {"sellers": "1", "extra_sales_per_seller": "1", "gross_margin": "1"}}]}, "budget", "cfo",
         "Sales: revenue is counted instead of margin. Use your gross margin."),
        ({"benefits": [{"label": "Time", "template": "productivity_hours_saved", "attribution": "0.5", "confidence": "0.5",
                        "inputs": {"people": "1", "hours_saved_per_week": "1", "loaded_hourly_rate": "1", "redeployed_share": "1"}}]},
         "budget", "cfo", "Time: all saved time is counted as productive. Saved time that becomes slack is worth nothing."),
        ({"horizon_years": 3}, "budget", "cfo",  # a 24-hour course counted over 3 years (Phillips GP 9)
         "Benefits are counted for 3 years for a short programme; Phillips counts the first year only."),
        ({"costs": [{"category": "delivery (facilitators)", "amount": "1000000"}]}, "budget", "cfo",
         "The expected case does not pay back its costs within the horizon."),
        ({"costs": [{"category": "evaluation and reporting", "amount": "1"}], "learner_groups": [
            {"name": "New managers", "headcount": 1, "hours_away": "1", "loaded_hourly_rate": "1"}]}, "budget", "cfo",
         "An ROI above 500% reads as an unsupported claim; check every assumption and keep the conservative case."),
        ({"funding": [{"source": "L&D budget", "amount": "100"}]}, "budget", "weak", "The funding sources do not cover the first year's costs."),
        ({"benefits": [{"label": "Half", "template": "sales_uplift", "attribution": "0.5", "confidence": "0.5", "inputs": {"sellers": "2"},
                        "sources": {"sellers": "CRM"}}]}, "budget", "missing",
         "Half: fill in Extra sales per seller a year, Gross margin; until then it counts as zero."),
        ({"benefits": [{**COMPLETE["benefits"][0], "sources": {}}]}, "budget", "weak",
         "Turnover: say where these numbers come from: Headcount, Turnover rate today, Turnover rate expected, Average annual salary."),
        ({"costs": [{"category": "delivery (facilitators)", "amount": "40000"}]}, "budget", "weak",
         "No evaluation cost: measuring results costs time and money too."),
        ({"intangibles": []}, "budget", "weak", "List the intangible benefits (kept out of the ROI, but they persuade)."),
        ({"criteria": [{"name": "Impact", "weight": 70}, {"name": "Cost", "weight": 20}]}, "options", "weak", "Criteria weights should add up to 100."),
        ({"recommended_option": "Do nothing"}, "options", "weak", "You recommend 'Do nothing' but 'Coaching' scores highest; explain why."),
        ({"recommended_option": ""}, "options", "weak", "Say which option you recommend."),
        ({"options": [COMPLETE["options"][0], {"name": "Coaching", "scores": {"Impact": 9}}]}, "options", "weak", "Coaching: score it on Cost."),
        ({"primary_audience": "CFO"}, "audience", "weak", "The primary audience 'CFO' is not one of the stakeholders."),
        ({"stakeholders": [{"name": "COO", "pain_points": ["x"], "objections": [{"objection": "Too dear"}]}]}, "audience", "weak",
         'COO: prepare a response to "Too dear".'),
        ({"goals": [{"goal": "Keep talent"}]}, "alignment", "weak", "Goal 'Keep talent': name the KPI that will show the movement."),
        ({"measures": [{"level": "reaction", "measure": "Smile sheet", "owner": "L&D"}]}, "alignment", "cfo",
         "The measurement plan stops at reaction and learning; leaders want application and business impact."),
        ({"measures": [*COMPLETE["measures"], {"level": "business impact", "measure": "Sales", "owner": "Ops"}]}, "alignment", "weak",
         "'Sales': give a baseline and a target."),
        ({"radar": {"resistance": {"score": 2}}}, "readiness", "weak", "Resistance is scored 2 of 5: say how you will handle it."),
        ({"milestones": []}, "initiative", "weak", "Add timeline milestones: leaders ask when results will show."),
    ],
)
def test_each_weakness_is_a_finding_naming_its_step(changes, step, severity, message):
    found = [(f.step, f.severity, f.message) for f in findings(_pitch(**changes))]
    assert (step, severity, message) in found


def test_cfo_findings_are_only_what_a_finance_reviewer_attacks():
    p = _pitch(benefits=[{**COMPLETE["benefits"][0], "attribution": "1", "confidence": "1"}], intangibles=[])
    assert {f.severity for f in cfo_findings(p)} == {"cfo"}
    assert len(cfo_findings(p)) == 2


def test_a_radar_factor_scored_low_with_a_mitigation_is_not_flagged():
    p = _pitch(radar={**COMPLETE["radar"], "apathy": {"score": 1, "mitigation": "Managers nominate participants."}})
    assert not any("Apathy" in m for m in _messages(p))


def test_completeness_counts_what_each_step_has():
    p = _pitch(options=[], criteria=[], recommended_option="")
    assert completeness(p)["options"] == D(0)
    # 16 of the 19 things needed are in place: 0.8421 -> 0.84
    assert overall_completeness(p) == D("0.84")


def _benefit(**changes) -> list[dict]:
    return [{**COMPLETE["benefits"][0], **changes}]


def test_a_cfo_attacks_an_estimate_with_no_isolation_method():
    p = _pitch(benefits=_benefit(evidence={"kind": "an estimate", "supplied_by": "Head of HR"}))
    assert _messages(p, "cfo") == ["Turnover: an estimate with no isolation method. Say how the programme's share of the improvement was isolated "
                                   "(control group, trend line, forecasting, or participants', managers' or experts' estimates)."]


def test_measured_evidence_with_no_isolation_method_is_weak_not_an_attack():
    p = _pitch(benefits=_benefit(evidence={"kind": "measured data"}))
    assert cfo_findings(p) == []
    assert any("no isolation method" in m for m in _messages(p, "weak"))


def test_a_cfo_attacks_full_confidence_in_an_estimate():
    p = _pitch(benefits=_benefit(confidence="1", evidence={"kind": "an estimate", "isolation": "managers' estimate"}))
    assert _messages(p, "cfo") == ["Turnover: 100% confidence in an estimate. Adjust the estimate for its possible error."]


def test_a_benefit_with_no_evidence_recorded_asks_for_it():
    p = _pitch(benefits=_benefit(evidence=None))
    assert _messages(p) == ["Turnover: record the evidence (measured data, a pilot, a benchmark or an estimate) and how the programme's share was isolated."]
