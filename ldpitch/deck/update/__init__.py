"""The results-update deck: outline, measure words and charts, and its one-call build (imports engine.tracking and the deck)."""
