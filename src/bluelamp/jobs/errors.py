"""Errors a job's handler raises to say how its failure is to be taken."""

from __future__ import annotations


class JobFailed(Exception):
    """A failure that trying again cannot mend (a damaged export, a refusal): the job fails at
    once, with this message shown to Corporate Communications. The message names what and where,
    never personal data."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TryAgain(Exception):
    """A refusal that trying again can mend (another import wrote the same posts at the same
    moment): the attempt fails and the next one follows after the back-off, like any error."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
