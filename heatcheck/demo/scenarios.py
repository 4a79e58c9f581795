"""The demo's conversation scenarios (a kept promise, a broken one, an escalation, a reopen, a
customer left hanging...), how often each desk sees them, and build_tickets, which writes every
ticket from one seeded random generator."""

from __future__ import annotations

import datetime
import random

from heatcheck.demo.clock import LOCAL, _creation_times, _staffed
from heatcheck.demo.conversation import CLOSE_AFTER, Conversation, _choose
from heatcheck.demo.phrases import (
    AGENTS,
    ANGRIER,
    ANSWERS,
    CHASES,
    FIRST_NAMES,
    HANGING_QUESTIONS,
    LAST_NAMES,
    MANAGER,
    MOOD_LINES,
    OUTBOUND_ANSWERS,
    REDIRECT_ANSWERS,
)
from heatcheck.demo.tickets import Customer, Ticket

EXPORT_SHARES = {"canonical": 70, "fivetran": 20, "twitter": 10}


def solved_first_reply(c: Conversation) -> None:
    """One touch: the first reply fixes it; a caring reply usually earns thanks."""
    c.customer_opens()
    c.bot_acknowledges()
    c.agent_replies(c.opening() + ["solution", "closing"], status="pending")
    c.react()
    c.solve()
    c.check_back()


def solved_after_questions(c: Conversation) -> None:
    """Two touches: an open question first, then the fix."""
    c.customer_opens()
    c.bot_acknowledges()
    c.agent_replies(c.opening() + ["open_question"], status="pending")
    c.customer_replies(ANSWERS)
    c.agent_replies(["solution", "closing"], status="pending")
    c.react()
    c.solve()
    c.check_back()


def promise_kept(c: Conversation) -> None:
    """The agent names a deadline and writes again before it passes."""
    c.caring = True
    c.customer_opens()
    c.bot_acknowledges()
    c.agent_replies(c.opening() + ["follow_up_promise"], status="open")
    if c.rng.random() < 0.3:
        c.note()
    c.agent_replies(["kept", "solution", "closing"], status="pending", delay=c.before_due())
    c.react()
    c.solve()
    c.check_back()


def promise_broken(c: Conversation) -> None:
    """The deadline passes in silence; the customer chases; the answer comes late, or never."""
    c.customer_opens()
    c.bot_acknowledges()
    c.agent_replies(c.opening() + ["follow_up_promise"], status="open")
    c.customer_replies(CHASES, delay=c.past_due(4))
    if c.rng.random() < 0.5:
        c.customer_replies(ANGRIER + MOOD_LINES["churn"], delay=c.pause(20 * 60, 0.6))
    if c.rng.random() < 0.8:
        c.agent_replies(
            ["late", "solution" if c.caring else "doublespeak", "closing"],
            status="pending",
            delay=c.next_staffed(c.now + c.pause(26 * 60, 0.7)) - c.now,
        )
        c.react()
        c.solve()
    else:
        c.happy = False


def escalated(c: Conversation) -> None:
    """Handed to a specialist or the manager, who takes over and fixes it."""
    c.customer_opens()
    c.bot_acknowledges()
    c.escalate(to_manager=c.mood == "manager" or c.rng.random() < 0.25)
    c.caring = c.rng.random() < c.assignee.care
    c.agent_replies(["solution", "closing"], status="pending")
    c.react()
    c.solve()
    c.check_back()


def reopened(c: Conversation) -> None:
    """Solved, back again a few days later (solved -> open -> solved), solved for good."""
    c.caring = True
    c.customer_opens()
    c.agent_replies(c.opening() + ["solution", "closing"], status="solved")
    # Back within the days before Zendesk closes a solved ticket; later it would be a new ticket.
    c.customer_replies(c.topic.agains, delay=min(c.pause(30 * 60, 0.6), CLOSE_AFTER - datetime.timedelta(hours=12)))
    if c.rng.random() < 0.4:
        c.reassign(c.rng.choice([a for a in AGENTS if a.team == c.team and a != c.assignee] or [MANAGER]))
    c.agent_replies(["apologize", "solution", "closing"], status="pending")
    c.react()
    c.solve()
    c.check_back()


def left_hanging(c: Conversation) -> None:
    """The conversation ends on a customer's question nobody answers."""
    c.customer_opens()
    c.bot_acknowledges()
    if c.rng.random() < 0.4:
        c.agent_replies(c.opening() + ["open_question"], status="pending")
        c.customer_replies(ANSWERS)
        c.agent_replies(["solution"], status="solved")
    else:
        c.agent_replies(c.opening() + c.rng.choice((["solution"], ["solution", "closing"])), status="pending")
    c.customer_replies(c.topic.questions + HANGING_QUESTIONS)
    c.happy = False


def never_answered(c: Conversation) -> None:
    """No agent ever writes; sometimes the customer tries again."""
    c.customer_opens()
    c.bot_acknowledges()
    if c.rng.random() < 0.5 or c.channel == "twitter":
        c.customer_replies(
            ("Hello?? Is anyone there?", "Anyone? Still waiting on this.", "Is this inbox even monitored?"),
            delay=c.pause(20 * 60, 1.0),
        )
    if c.rng.random() < 0.6:
        c.assignments.clear()  # nobody even picked it up
    c.happy = False


def went_badly(c: Conversation) -> None:
    """A complaint met with blame, refusals and doublespeak: the customer ends angrier."""
    c.caring = False
    if not c.complaint:
        c.mood = c.rng.choice(("angry", "sarcastic", "churn"))
    c.customer_opens()
    c.bot_acknowledges()
    c.agent_replies(
        c.opening() + c.rng.choice((["negative"], ["open_question"], ["doublespeak", "closing"])), status="pending"
    )
    c.customer_replies(ANGRIER)
    if c.rng.random() < 0.3:
        c.escalate(to_manager=True)
        c.agent_replies(["apologize", "solution"], status="pending")
        c.customer_replies(("Fine. But I'm still cancelling.", "Took you long enough.", "Too little, too late."))
    else:
        c.agent_replies(["doublespeak", "negative"])
        c.customer_replies(
            (
                "Cancel my subscription. Worst service ever.",
                "I'll be telling everyone about this.",
                "Forget it. I'm going to a competitor.",
                "Unbelievable. I want to speak to a manager.",
            )
        )
    if c.rng.random() < 0.5:
        c.solve()
    c.happy = False


def agent_outbound(c: Conversation) -> None:
    """The company writes first about a problem it found; out of hours it is a customer's ticket."""
    if not _staffed(c.now):
        solved_first_reply(c)
        return
    c.mood = "calm"
    c.caring = True
    c.agent_replies(["outbound", "positive", "closing"], status="pending", delay=datetime.timedelta(0))
    c.customer_replies(OUTBOUND_ANSWERS)
    c.agent_replies(["solution", "closing"], status="pending")
    c.react()
    c.solve()


def redirected(c: Conversation) -> None:
    """Sent to DM, e-mail or phone; what happens there is not in the export."""
    c.customer_opens()
    c.bot_acknowledges()
    c.agent_replies((["apologize"] if c.caring else []) + ["redirect"], status="solved")
    if c.rng.random() < 0.6:
        c.customer_replies(REDIRECT_ANSWERS)
        if c.rng.random() < 0.5:
            c.agent_replies(["redirect"], status="solved")


SCENARIOS = {
    "canonical": {
        solved_first_reply: 22,
        solved_after_questions: 12,
        promise_kept: 11,
        promise_broken: 9,
        escalated: 9,
        reopened: 7,
        left_hanging: 8,
        never_answered: 5,
        went_badly: 9,
        agent_outbound: 4,
        redirected: 4,
    },
    "twitter": {
        solved_first_reply: 15,
        solved_after_questions: 10,
        promise_kept: 5,
        promise_broken: 5,
        escalated: 3,
        reopened: 2,
        left_hanging: 12,
        never_answered: 8,
        went_badly: 12,
        agent_outbound: 3,
        redirected: 25,
    },
}
SCENARIOS["fivetran"] = SCENARIOS["canonical"]


def _ticket(c: Conversation, cutoff: datetime.datetime) -> Ticket:
    """Close solved tickets as Zendesk would, then cut everything after the export moment."""
    if c.status == "solved":
        closes = max(c.statuses[-1][1], c.messages[-1].at) + CLOSE_AFTER
        c.statuses.append(("closed", closes))
    messages = [m for m in c.messages if m.at <= cutoff]
    statuses = [s for s in c.statuses if s[1] <= cutoff]
    if c.channel == "twitter":
        messages = messages[:8]  # TWCS threads in the demo run from 2 to 8 tweets
    csat = None
    if statuses[-1][0] in ("solved", "closed") and c.rng.random() < 0.45:
        happy = c.happy if c.rng.random() < 0.9 else not c.happy
        csat = "good" if happy else "bad"
    subject = c.say(c.topic.subjects)
    return Ticket(
        c.number,
        c.desk,
        c.channel,
        c.priority,
        c.team,
        c.topic,
        c.customer,
        subject,
        c.tags,
        messages,
        statuses,
        [a for a in c.assignments if a[1] <= cutoff],
        csat,
    )


def build_tickets(seed: int, tickets: int, weeks: int, start: datetime.date) -> list[Ticket]:
    """Every demo ticket, in creation order, each written by a scenario for its desk."""
    rng = random.Random(seed)
    cutoff = datetime.datetime.combine(start + datetime.timedelta(weeks=weeks), datetime.time(9), LOCAL)
    # A two-day app outage two thirds of the way in gives the report a spike to find.
    outage_start = start + datetime.timedelta(weeks=weeks * 2 // 3, days=1)
    customers = max(50, tickets * 3 // 4)  # fewer customers than tickets: some write again
    built = []
    for number, created_at in enumerate(_creation_times(rng, tickets, start, weeks), start=1):
        n = rng.randrange(1, customers + 1)
        customer = Customer(n, FIRST_NAMES[n % len(FIRST_NAMES)], LAST_NAMES[n // len(FIRST_NAMES) % len(LAST_NAMES)])
        desk = _choose(rng, EXPORT_SHARES)
        local_day = created_at.astimezone(LOCAL).date()
        outage = outage_start <= local_day < outage_start + datetime.timedelta(days=2)
        conversation = Conversation(rng, number, desk, created_at, customer, outage)
        scenarios = SCENARIOS[desk]
        rng.choices(list(scenarios), weights=list(scenarios.values()))[0](conversation)
        built.append(_ticket(conversation, cutoff))
    return built
