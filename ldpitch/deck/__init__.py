"""The deck: a pitch described as slides (``outline``), then written as PowerPoint (``pptx``)."""

from ldpitch.fronts import front

__all__, __getattr__, __dir__ = front(__name__, {
    "Branding": "branding",
    "LENGTHS": "outline",
    "Metric": "slides",
    "SlideSpec": "slides",
    "TableSpec": "slides",
    "build_deck": "build",
    "deck_slides": "build",
    "load_logo": "branding",
    "load_template": "branding",
    "measure_briefs": "update",
    "results_report": "update",
    "update_deck_bytes": "update",
    "update_deck_slides": "update",
})
