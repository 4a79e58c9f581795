"""Errors a user can act on. The command line prints their message as one line."""


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
