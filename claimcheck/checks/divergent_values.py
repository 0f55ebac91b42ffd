"""CC002 divergent-values: bounds that can both hold but differ so much that one misleads."""

from ..model import Severity, Verdict
from .rule import Rule

RULE = Rule(
    code="CC002",
    name="divergent-values",
    verdict=Verdict.DIVERGENT,
    severity=Severity.WARNING,
    summary="Two bounds for the same thing are compatible but far apart.",
    help=(
        "\"More than 12,000\" and \"more than 1,200\" can both be true, but a reader of the second is "
        "misled by a factor of ten. Usually one translation dropped or added a digit."
    ),
    examples=(("it: \"più di 1.200 punti di ricarica\"", "en: \"more than 12,000 charging points\""),),
)
