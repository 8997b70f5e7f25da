"""The results-update deck: outline, measure words and charts, the TDRp report, and its one-call build (imports engine.tracking and the deck)."""

from ldpitch.fronts import front

__all__, __getattr__, __dir__ = front(__name__, {
    "measure_briefs": "measures",
    "results_report": "tdrp",
    "update_deck_bytes": "build",
    "update_deck_slides": "build",
})
