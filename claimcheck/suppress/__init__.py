"""Accountable suppressions: inline comments in the articles, and a baseline file of accepted
findings.  Both move findings out of Report.findings (into Report.suppressed and
Report.baselined) and both say what they did not match (Report.warnings, Report.stale)."""
