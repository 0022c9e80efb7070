"""The exception tree. Every message says what was wrong and what to do.

    FrontlinesError
    ├── ConfigurationError      a setting or option is invalid
    ├── ResourceError           a heavy resource (spaCy model, gazetteer, actor KB) is missing or broken
    ├── PipelineOrderError      a stage requires a layer that no earlier stage assigns
    ├── InputError              an input cannot be read at all (missing file, unreadable folder)
    │   └── FetchError          a URL or feed could not be fetched, or was refused
    └── StoreError              the store cannot be opened, migrated or written

Problems with one document are not exceptions: they become a ``Rejection`` on that document, so a batch goes on.
"""


class FrontlinesError(Exception):
    """Base of every error raised by Frontlines."""


class ConfigurationError(FrontlinesError):
    """A setting or command-line option is invalid."""


class ResourceError(FrontlinesError):
    """A heavy resource is missing or broken (run `make setup` to build it)."""


class PipelineOrderError(FrontlinesError):
    """A stage requires a layer that no earlier stage assigns."""


class InputError(FrontlinesError):
    """An input cannot be read at all."""


class FetchError(InputError):
    """A URL or feed could not be fetched, or fetching it was refused."""


class StoreError(FrontlinesError):
    """The store cannot be opened, migrated or written."""
