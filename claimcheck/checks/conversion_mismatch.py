"""CC004 conversion-mismatch: a conversion written in the text that the rate of the day denies."""

from ..model import Severity, Verdict
from .rule import Rule

RULE = Rule(
    code="CC004",
    name="conversion-mismatch",
    verdict=Verdict.CONFLICT,
    severity=Severity.WARNING,
    summary="An amount and its conversion in another currency disagree with the exchange rate of the day.",
    help=(
        "Texts often give an amount and its conversion: \"200 miliardi di yuan (28,28 miliardi di "
        "dollari)\". The conversion is checked against the European Central Bank's reference rate of the "
        "publication date (any rate of the last ten years when the date is unknown)."
    ),
    examples=(("\"200 miliardi di yuan (28,28 miliardi di dollari)\"", "agrees with the rate of April 2020"),),
)
