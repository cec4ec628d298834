"""Errors an action raises when it refuses: the message is for the user, in their language."""

from __future__ import annotations


class ActionRefused(Exception):
    """The action was refused and nothing changed. `message` says why, readable by the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InvalidTransition(ActionRefused):
    """The case is not in a state from which this step may be taken."""
