"""What a pitch is: the validated model, money and text rules, benefit templates, presets, pitch files and examples (imports nothing else of ldpitch but errors)."""
