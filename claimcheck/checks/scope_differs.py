"""CC003 scope-differs: different values for one thing in different years."""

from ..model import Severity, Verdict
from .rule import Rule

RULE = Rule(
    code="CC003",
    name="scope-differs",
    verdict=Verdict.SCOPE_DIFFERS,
    severity=Severity.NOTE,
    summary="The same measure differs between claims about different years.",
    help=(
        "The values differ, but the claims refer to different years (written in the sentence, or 'this "
        "year' resolved with the publication date), so they do not contradict each other. Shown so a "
        "reviewer can confirm the years."
    ),
    examples=(("en (2020): \"more than 250,000 brands\"", "en (2021): \"290,000 brands\""),),
)
