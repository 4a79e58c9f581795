"""Errors a user can act on. The command line prints their message as one line."""

import re


class HeatcheckError(Exception):
    """A problem with the user's input or set-up, explained in the message."""


class UnreadableExport(HeatcheckError):
    """A file that no reader can take at all (as opposed to bad rows, which are quarantined)."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class UserFileError(HeatcheckError):
    """A settings, playbook or mapping file that does not validate: names the file, the key and the problem."""

    def __init__(self, path: str, key: str, problem: str):
        self.path = path
        self.key = key
        self.problem = problem
        super().__init__(f"{path}: {key}: {problem}")


def parser_message(error: Exception) -> str:
    """A parser's complaint, safe to print: its first line, with anything it quotes from the file
    (which may be a customer's words or contact details) left out, and no longer than a line."""
    first = next((line.strip() for line in str(error).splitlines() if line.strip()), type(error).__name__)
    first = re.sub(r"""(`[^`]*`|"[^"]*"|'[^']*')""", "…", first)
    return first if len(first) <= 160 else first[:159] + "…"
