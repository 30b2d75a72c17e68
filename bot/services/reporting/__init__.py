"""Reporting (反馈): reports, their fields as typed, indicators, and who may report."""
