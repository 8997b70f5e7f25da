"""The python-pptx writer: the only importers of python-pptx and lxml in ldpitch (imports deck descriptions, never the engine)."""

from ldpitch.fronts import front

__all__, __getattr__, __dir__ = front(__name__, {
    "fitted": "writer",
    "write_deck": "writer",
})
