"""The python-pptx writer: the only importers of python-pptx and lxml in ldpitch (imports deck descriptions, never the engine)."""
