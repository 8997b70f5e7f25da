"""The deck: a pitch described as slides (``outline``), then written as PowerPoint (``pptx_writer``)."""
