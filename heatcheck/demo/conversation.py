"""One demo ticket being written: a conversation on a clock that only moves forward, with
heavy-tailed reply delays and agents who only answer in staffed hours. The scenarios drive it."""

from __future__ import annotations

import datetime
import math
import random
import textwrap

from heatcheck.demo.clock import LOCAL, MONTH_ABBR, UTC, WEEKDAY_ABBR, _is_day_off, _staffed
from heatcheck.demo.phrases import (
    AGENT_BY_HANDLE,
    AGENT_GREETINGS,
    AGENT_SIGNOFFS,
    AGENTS,
    ANGRIER,
    BOT_REPLIES,
    COMPLAINT_MOODS,
    CUSTOMER_GREETINGS,
    CUSTOMER_SIGNOFFS,
    DESK_TEAMS,
    INTERNAL_NOTES,
    MANAGER,
    MOOD_LINES,
    MOOD_SHARES,
    PLANS,
    PRACTICES,
    PRODUCTS,
    SPECIALIST_FOR,
    THANKS,
    TOPICS,
    TOPICS_BY_TEAM,
    TWITTER_REDIRECTS,
    Agent,
)
from heatcheck.demo.tickets import Customer, Message

CHANNEL_SHARES = {"email": 50, "web": 30, "chat": 20}
PRIORITY_SHARES = {"low": 20, "normal": 55, "high": 18, "urgent": 7}
# Median minutes before an answer (an agent's first reply by priority, scaled by the channel's pace;
# a customer's by channel); each draw spreads around the median log-normally, so the tail is heavy.
AGENT_FIRST_REPLY = {"urgent": 25, "high": 60, "normal": 150, "low": 300}
AGENT_PACE = {"email": 1.0, "web": 1.0, "chat": 0.04, "twitter": 0.3}
CUSTOMER_REPLY = {"email": 120, "web": 120, "chat": 1.5, "twitter": 20}
LONGEST_PAUSE = datetime.timedelta(days=6)
CLOSE_AFTER = datetime.timedelta(days=4)  # Zendesk's default: solved tickets close after 4 days


def _choose(rng: random.Random, shares: dict[str, float]) -> str:
    return rng.choices(list(shares), weights=list(shares.values()))[0]


class Conversation:
    """One ticket being written, message by message, on a clock that only moves forward."""

    def __init__(
        self,
        rng: random.Random,
        number: int,
        desk: str,
        created_at: datetime.datetime,
        customer: Customer,
        outage: bool,
    ):
        self.rng = rng
        self.number, self.desk, self.customer, self.now = number, desk, customer, created_at
        self.channel = "twitter" if desk == "twitter" else _choose(rng, CHANNEL_SHARES)
        team = _choose(rng, DESK_TEAMS[desk])
        topics = TOPICS_BY_TEAM[team]
        if outage and desk != "fivetran" and rng.random() < 0.6:
            team, topics = "technical", [t for t in TOPICS if t.key == "app_outage"]
        self.team, self.topic = team, rng.choice(topics)
        moods = dict(MOOD_SHARES, shaming=15) if self.channel == "twitter" else dict(MOOD_SHARES)
        if outage:
            moods.update(sarcastic=30, angry=30)
        self.mood = _choose(rng, moods)
        self.priority = _choose(rng, PRIORITY_SHARES)
        if self.complaint and self.priority in ("low", "normal") and rng.random() < 0.4:
            self.priority = "high"
        # The Twitter account is staffed from every team; the manager only takes escalations there.
        self.assignee = rng.choice([a for a in AGENTS if (a.team == team if desk != "twitter" else a != MANAGER)])
        self.caring = rng.random() < self.assignee.care
        self.happy: bool | None = None
        self.due: datetime.datetime | None = None
        self.messages: list[Message] = []
        self.statuses = [("new", created_at)]
        self.assignments = [(self.assignee, created_at)]
        self.tags = [self.topic.key] + (["outage"] if outage and self.topic.key == "app_outage" else [])
        if rng.random() < 0.05:
            self.tags.append("vip")
        self.details = self._details()

    @property
    def complaint(self) -> bool:
        return self.mood in COMPLAINT_MOODS

    @property
    def status(self) -> str:
        return self.statuses[-1][0]

    def _details(self) -> dict[str, object]:
        """The particulars this ticket's phrases are filled with."""
        rng = self.rng
        details = {
            "order": f"#HC-{rng.randint(10000, 99999)}",
            "product": rng.choice(PRODUCTS),
            "plan": rng.choice(PLANS),
            "amount": f"${rng.choice((9, 12, 19, 49, 79, 129, 189))}.{rng.choice(('00', '50', '99'))}",
            "days": rng.randint(2, 12),
            "hours": rng.randint(2, 9),
            "tracking": f"1Z{rng.randint(10**9, 10**10 - 1)}",
            "version": f"4.{rng.randint(2, 9)}.{rng.randint(0, 12)}",
            "number": self.number,
            "name": self.customer.first,
            "last": self.customer.last,
            "agent": self.assignee.first,
            "deadline": "tomorrow",
            "specialist": MANAGER.first,
            "specialist_team": "escalations",
            "specialist_handle": MANAGER.handle,
        }
        details["issue"] = rng.choice(self.topic.issues).format_map(details)
        details["outbound"] = self.topic.outbound.format_map(details)
        return details

    def say(self, pool: tuple[str, ...]) -> str:
        """One phrase from a pool, filled with this ticket's particulars."""
        return self.rng.choice(pool).format_map(self.details)

    def pause(self, median_minutes: float, spread: float = 1.2) -> datetime.timedelta:
        """A log-normal wait: mostly near the median, now and then days longer."""
        minutes = median_minutes * math.exp(self.rng.gauss(0, spread))
        return min(datetime.timedelta(seconds=max(20, round(minutes * 60))), LONGEST_PAUSE)

    def next_staffed(self, at: datetime.datetime) -> datetime.datetime:
        """The first moment at or after `at` when an agent is at a desk."""
        if _staffed(at):
            return at
        while not _staffed(at):
            at = at.replace(minute=0, second=0) + datetime.timedelta(hours=1)
        return at + datetime.timedelta(seconds=self.rng.randrange(60, 2700))

    def _add(self, role: str, agent: Agent | None, body: str, public: bool = True) -> None:
        # Whole seconds, strictly after the previous message: every export format can say when.
        self.now = self.now.replace(microsecond=0)
        if self.messages and self.now <= self.messages[-1].at:
            self.now = self.messages[-1].at + datetime.timedelta(seconds=1)
        self.messages.append(Message(self.now, role, agent, body, public))

    def set_status(self, status: str) -> None:
        """Record a status change now; setting the current status again changes nothing."""
        if status != self.status:
            self.statuses.append((status, self.now))

    def reassign(self, agent: Agent) -> None:
        """Hand the ticket to another agent from now on (a handoff)."""
        self.assignee = agent
        self.assignments.append((agent, self.now))

    # --- customers -------------------------------------------------------------------------

    def customer_opens(self) -> None:
        """The first message: the problem in the customer's mood, sometimes with personal data."""
        rng, mood = self.rng, self.mood
        problem = self.say(self.topic.problems)
        if mood == "angry" and rng.random() < 0.2:
            problem = problem.upper()  # some customers shout the whole thing
        count = 1 if mood == "grateful" else rng.randint(0, 1) if mood == "calm" else rng.randint(1, 2)
        feelings = [line.format_map(self.details) for line in rng.sample(MOOD_LINES[mood], count)]
        if mood in ("churn", "manager", "shaming") and rng.random() < 0.5:
            feelings.insert(0, self.say(MOOD_LINES["angry"]))
        lines = feelings + [problem] if mood in ("sarcastic", "angry") and rng.random() < 0.4 else [problem] + feelings
        lines += self._personal_data()
        self._add("customer", None, self._customer_body(" ".join(lines), opening=True))

    def _personal_data(self) -> list[str]:
        """What customers paste in without being asked, and reports must redact."""
        roll, rng = self.rng.random(), self.rng
        if roll < 0.04:
            return [f"You can call me on +1 {rng.choice((415, 212, 646, 303, 512))} 555 01{rng.randint(10, 99)}."]
        if roll < 0.07:
            address = f"{self.customer.first.lower()}.{rng.randint(10, 99)}@example.net"
            return [f"Please reply to my other address, {address}."]
        if roll < 0.074:
            return ["My card is 4111 1111 1111 1111 if that helps you find the payment."]
        return []

    def _customer_body(self, text: str, opening: bool = False) -> str:
        if self.channel == "twitter":
            return textwrap.shorten(text, 264, placeholder="...")  # room for the @mention in 280
        if self.channel == "email" and opening:
            return f"{self.say(CUSTOMER_GREETINGS)}\n\n{text}\n\n{self.say(CUSTOMER_SIGNOFFS)}"
        if self.channel == "email" and self.rng.random() < 0.15:
            return text + self._quoted_reply()
        return text

    def _quoted_reply(self) -> str:
        """The history an e-mail client quotes under a reply, which body cleaning must strip."""
        last_agent = next((m for m in reversed(self.messages) if m.role == "agent" and m.public), None)
        if last_agent is None:
            return ""
        local = last_agent.at.astimezone(LOCAL)
        when = f"{WEEKDAY_ABBR[local.weekday()]}, {local.day} {MONTH_ABBR[local.month - 1]} {local:%Y at %H:%M}"
        quoted = "\n".join("> " + line for line in last_agent.body.splitlines())
        return f"\n\nOn {when}, Heatcheck Support wrote:\n{quoted}"

    def customer_replies(self, pool: tuple[str, ...], delay: datetime.timedelta | None = None) -> None:
        """A customer reply; it reopens a pending or solved ticket, as Zendesk does."""
        self.now += delay if delay is not None else self.pause(CUSTOMER_REPLY[self.channel], 1.3)
        self._add("customer", None, self._customer_body(self.say(pool)))
        if self.status in ("pending", "solved"):
            self.set_status("open")

    def react(self) -> None:
        """The customer's answer to a fix: thanks after care, anger after carelessness."""
        self.happy = self.caring
        if self.caring and self.rng.random() < 0.75:
            self.customer_replies(THANKS)
        elif not self.caring and self.rng.random() < 0.7:
            self.customer_replies(ANGRIER)

    # --- agents ----------------------------------------------------------------------------

    def opening(self) -> list[str]:
        """How the agent starts a reply: acknowledging and apologising, or blaming and hedging."""
        rng = self.rng
        if self.caring:
            parts = ["acknowledge"]
            parts += ["apologize"] if self.complaint or rng.random() < 0.4 else []
            parts += ["empathize"] if self.complaint and rng.random() < 0.6 else []
            parts += ["positive"] if rng.random() < 0.5 else []
            return parts
        parts = [p for p, chance in (("doublespeak", 0.6), ("blame", 0.4), ("negative", 0.4)) if rng.random() < chance]
        return parts or ["doublespeak"]

    def agent_replies(
        self,
        practices: list[str],
        agent: Agent | None = None,
        status: str | None = None,
        delay: datetime.timedelta | None = None,
    ) -> None:
        """A public agent reply built from practices; it lands in staffed hours unless timed."""
        agent = agent or self.assignee
        if delay is None:
            first = not any(m.role == "agent" for m in self.messages)
            median = AGENT_FIRST_REPLY[self.priority] if first else 90
            self.now = self.next_staffed(self.now + self.pause(median * AGENT_PACE[self.channel]))
        else:
            self.now += delay
        if {"follow_up_promise", "expectation"} & set(practices):
            self.details["deadline"], self.due = self._deadline()
        self.details["agent"] = agent.first
        sentences = [self._phrase(p) for p in dict.fromkeys(practices)]  # one sentence per practice
        self._add("agent", agent, self._agent_body(sentences, agent))
        self.set_status(status or ("open" if self.status == "new" else self.status))

    def _phrase(self, practice: str) -> str:
        topical = {"solution": self.topic.solutions, "blame": self.topic.blames}
        if practice == "redirect" and self.channel == "twitter":
            return self.say(TWITTER_REDIRECTS)
        return self.say(topical.get(practice) or PRACTICES[practice])

    def _agent_body(self, sentences: list[str], agent: Agent) -> str:
        if self.channel == "twitter":
            return self._tweet(sentences, agent)
        text = " ".join(sentences)
        greeting = self.say(AGENT_GREETINGS[self.channel])
        if self.channel == "chat":
            return f"{greeting} {text}"
        return f"{greeting}\n\n{text}\n\n{self.say(AGENT_SIGNOFFS)}"

    @staticmethod
    def _tweet(sentences: list[str], agent: Agent) -> str:
        """Fit a reply in a tweet: the opening sentences go first, the substance stays."""
        sign = f" -{agent.initials}"
        while len(sentences) > 1 and len(" ".join(sentences) + sign) > 270:
            sentences = sentences[1:]
        return " ".join(sentences)[: 270 - len(sign)] + sign

    def note(self, pool: tuple[str, ...] = INTERNAL_NOTES) -> None:
        """A private internal note; Twitter has none."""
        if self.channel != "twitter":
            self.now += datetime.timedelta(seconds=self.rng.randrange(30, 900))
            self._add("agent", self.assignee, self.say(pool), public=False)

    def bot_acknowledges(self) -> None:
        """The auto-reply some channels send; only the main desk's export records it."""
        if self.desk == "canonical" and self.rng.random() < 0.45:
            self.now += datetime.timedelta(seconds=self.rng.randrange(3, 40))
            self._add("bot", None, self.say(BOT_REPLIES[self.channel]))

    def solve(self) -> None:
        """The agent marks the ticket solved, without a message, at the next staffed moment."""
        self.now = self.next_staffed(self.now + self.pause(30))
        self.set_status("solved")

    def check_back(self) -> None:
        """After a solved complaint, a careful agent checks in a day or two later."""
        if self.complaint and self.rng.random() < (0.55 if self.caring else 0.15):
            back = self.next_staffed(self.now + self.pause(36 * 60, 0.4))
            self.agent_replies(["check_back"], delay=back - self.now)

    def escalate(self, to_manager: bool) -> None:
        """Hand the case over: an escalation message, a private note and a new assignee."""
        target = MANAGER if to_manager else AGENT_BY_HANDLE[SPECIALIST_FOR[self.team]]
        if target == self.assignee:
            target = MANAGER
        self.details.update(specialist=target.first, specialist_team=target.team, specialist_handle=target.handle)
        pool = "escalate_manager" if target == MANAGER else "escalate_specialist"
        self.agent_replies(["acknowledge", "apologize", pool, "expectation"], status="hold")
        self.note()
        self.reassign(target)

    def _deadline(self) -> tuple[str, datetime.datetime]:
        """A concrete timeline the agent can name now, and the moment it runs out."""
        local = self.now.astimezone(LOCAL)

        def at_five(day: datetime.date) -> datetime.datetime:
            return datetime.datetime.combine(day, datetime.time(17), LOCAL).astimezone(UTC)

        business = local.date()
        for _ in range(2):
            business += datetime.timedelta(days=1)
            while _is_day_off(business):
                business += datetime.timedelta(days=1)
        options = [
            ("within 24 hours", self.now + datetime.timedelta(hours=24)),
            ("in 2 business days", at_five(business)),
            ("tomorrow", at_five(local.date() + datetime.timedelta(days=1))),
        ]
        if local.hour < 13:
            options.append(("by end of day", at_five(local.date())))
        if local.weekday() <= 2:
            options.append(("by Friday", at_five(local.date() + datetime.timedelta(days=4 - local.weekday()))))
        return self.rng.choice(options)

    def before_due(self) -> datetime.timedelta:
        """A wait that ends comfortably before the promised deadline."""
        early = self.now + (self.due - self.now) * self.rng.uniform(0.2, 0.75)
        staffed = self.next_staffed(early)
        return (staffed if staffed < self.due - datetime.timedelta(minutes=30) else early) - self.now

    def past_due(self, median_hours: float) -> datetime.timedelta:
        """A wait that ends hours or days after the promised deadline."""
        return max(self.now, self.due) + self.pause(median_hours * 60, 0.8) - self.now
