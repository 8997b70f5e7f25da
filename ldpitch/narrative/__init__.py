"""The words of the deck: English as the deck writes it (english) and speaker notes from Jinja2 templates (notes, the only Jinja2 importer)."""

from ldpitch.fronts import front

__all__, __getattr__, __dir__ = front(__name__, {
    "NOTES_DIR": "notes",
    "TEMPLATES_DIR": "notes",
    "article": "english",
    "capfirst": "english",
    "clip": "english",
    "clip_words": "english",
    "count_word": "english",
    "environment": "notes",
    "first_sentences": "english",
    "gist": "english",
    "join_and": "english",
    "lower_first": "english",
    "note_sections": "notes",
    "noun_for": "english",
    "ordinal": "english",
    "plural": "english",
    "render_notes": "notes",
    "render_text": "notes",
    "sentence": "english",
    "singular": "english",
    "tidy": "notes",
    "with_article": "english",
})
