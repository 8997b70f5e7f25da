"""The numbers: every figure of a pitch derived once by evaluate(), plus scenarios, options, readiness, tracking and findings (imports pitch)."""
