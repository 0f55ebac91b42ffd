"""One family of errors. The library raises them; only the command line prints and exits."""


class ClaimcheckError(Exception):
    """Base of every error claimcheck raises on purpose."""


class InputError(ClaimcheckError):
    """An input path or its content cannot be read as an article."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


class UsageError(ClaimcheckError):
    """Options that do not fit together, or a value out of range."""


class UnknownLanguageError(UsageError):
    """A language code with no data file."""


class ConfigError(ClaimcheckError):
    """A configuration file that cannot be read or holds a bad value."""


class BaselineError(ClaimcheckError):
    """A baseline file that cannot be read or has the wrong shape."""


class LanguageDataError(ClaimcheckError):
    """A language data file that does not validate."""


class SemanticUnavailable(ClaimcheckError):
    """The optional semantic backend cannot run: its package is not installed, or the model
    cannot be loaded."""
