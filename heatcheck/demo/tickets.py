"""The records a finished demo ticket is made of: what every export writer reads."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from heatcheck.demo.phrases import Agent, Topic


@dataclass(frozen=True)
class Customer:
    number: int
    first: str
    last: str

    @property
    def email(self) -> str:
        return f"{self.first}.{self.last}{self.number}@example.com".lower()


@dataclass
class Message:
    at: datetime.datetime  # UTC
    role: str  # customer | agent | bot
    agent: Agent | None
    body: str
    public: bool = True


@dataclass
class Ticket:
    """A finished conversation, ready for any of the writers."""

    number: int
    desk: str  # canonical | fivetran | twitter
    channel: str
    priority: str
    team: str
    topic: Topic
    customer: Customer
    subject: str
    tags: list[str]
    messages: list[Message]
    statuses: list[tuple[str, datetime.datetime]]
    assignments: list[tuple[Agent, datetime.datetime]]
    csat: str | None = None

    @property
    def created_at(self) -> datetime.datetime:
        return self.messages[0].at

    @property
    def updated_at(self) -> datetime.datetime:
        return max([self.messages[-1].at] + [at for _, at in self.statuses])

    @property
    def assignee(self) -> Agent | None:
        return self.assignments[-1][0] if self.assignments else None
