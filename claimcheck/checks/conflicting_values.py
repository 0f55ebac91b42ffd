"""CC001 conflicting-values: values for one thing that cannot both be true."""

from ..model import Severity, Verdict
from .rule import Rule

RULE = Rule(
    code="CC001",
    name="conflicting-values",
    verdict=Verdict.CONFLICT,
    severity=Severity.ERROR,
    summary="Two claims about the same thing give values that cannot both hold.",
    help=(
        "The claims were linked as measuring the same thing (shared concept words, names and context), "
        "and no value satisfies both once qualifiers, the rounding of the written numbers and exchange "
        "rates are taken into account. Check which figure is right, or say why they measure different things."
    ),
    examples=(
        ("it: \"1.200 punti di ricarica\"", "en: \"12,000 charging points\""),
        ("en: \"revenue of €3.4 million\"", "de: \"Umsatz von 4,3 Millionen Euro\""),
    ),
)
