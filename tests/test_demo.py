"""The demo exports: deterministic, big enough, and full of the situations Heatcheck measures.

The files are read back as a user's export would be (Polars, no project reader), so these tests
check the files themselves, not the generator's internals.
"""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path

import polars as pl
import pytest

from heatcheck.demo import generate_demo_exports

TWITTER_TIME = "%a %b %d %H:%M:%S %z %Y"
ZULU_TIME = "%Y-%m-%dT%H:%M:%SZ"
LOCAL = "America/New_York"


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, list[Path]]:
    out = tmp_path_factory.mktemp("demo")
    return out, generate_demo_exports(out)


@pytest.fixture(scope="module")
def canonical(demo) -> dict[str, pl.DataFrame]:
    folder = demo[0] / "canonical"
    return {name: pl.read_parquet(folder / f"{name}.parquet") for name in ("tickets", "messages", "status_changes")}


@pytest.fixture(scope="module")
def fivetran(demo) -> dict[str, pl.DataFrame]:
    folder = demo[0] / "fivetran"
    tables = ("ticket", "ticket_comment", "user", "ticket_field_history", "group")
    return {name: pl.read_csv(folder / f"{name}.csv", infer_schema=False) for name in tables}


@pytest.fixture(scope="module")
def tweets(demo) -> pl.DataFrame:
    frame = pl.read_csv(demo[0] / "twitter" / "twcs_demo.csv", infer_schema=False)
    parent = dict(zip(frame["tweet_id"], frame["in_response_to_tweet_id"]))

    def root(tweet_id: str) -> str:
        while parent[tweet_id] is not None:
            tweet_id = parent[tweet_id]
        return tweet_id

    return frame.with_columns(
        thread=pl.Series([root(t) for t in frame["tweet_id"]]),
        at=pl.col("created_at").str.strptime(pl.Datetime("us", "UTC"), TWITTER_TIME),
    )


@pytest.fixture(scope="module")
def messages(canonical, fivetran, tweets) -> pl.DataFrame:
    """Every message of the three desks in one shape, in file order, without the deliberate bad rows."""
    roles = fivetran["user"].select(
        user_id="id", role=pl.col("role").replace_strict({"end-user": "customer", "agent": "agent", "admin": "agent"})
    )
    zendesk = (
        fivetran["ticket_comment"]
        .join(roles, on="user_id", how="left", maintain_order="left")
        .select(
            desk=pl.lit("fivetran"),
            ticket="ticket_id",
            role="role",
            public=pl.col("public") == "true",
            at=pl.col("created").str.strptime(pl.Datetime("us", "UTC"), ZULU_TIME),
            body="body",
        )
    )
    main = _good_rows(canonical["messages"]).select(
        desk=pl.lit("canonical"),
        ticket="ticket_id",
        role="author_role",
        public="is_public",
        at="created_at",
        body="body",
    )
    twitter = tweets.select(
        desk=pl.lit("twitter"),
        ticket="thread",
        role=pl.when(pl.col("inbound") == "True").then(pl.lit("customer")).otherwise(pl.lit("agent")),
        public=pl.lit(True),
        at="at",
        body="text",
    )
    return pl.concat([main, zendesk, twitter]).with_row_index("position")


@pytest.fixture(scope="module")
def tickets(canonical, fivetran, tweets) -> pl.DataFrame:
    """One row per ticket of every desk: when it was created."""
    return pl.concat(
        [
            canonical["tickets"].select(desk=pl.lit("canonical"), ticket="ticket_id", created_at="created_at"),
            fivetran["ticket"].select(
                desk=pl.lit("fivetran"),
                ticket="id",
                created_at=pl.col("created_at").str.strptime(pl.Datetime("us", "UTC"), ZULU_TIME),
            ),
            tweets.filter(pl.col("in_response_to_tweet_id").is_null()).select(
                desk=pl.lit("twitter"), ticket="tweet_id", created_at="at"
            ),
        ]
    )


def _good_rows(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.filter(
        pl.col("created_at").is_not_null(),
        pl.col("ticket_id") != "",
        pl.col("author_role").is_in(["customer", "agent", "bot", "system"]),
    )


def _hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_the_same_seed_gives_byte_identical_files_and_another_seed_does_not(tmp_path):
    generate_demo_exports(tmp_path / "first", seed=11, tickets=2000, weeks=12)
    generate_demo_exports(tmp_path / "second", seed=11, tickets=2000, weeks=12)
    generate_demo_exports(tmp_path / "other", seed=12, tickets=2000, weeks=12)
    first = _hashes(tmp_path / "first")
    assert len(first) == 10
    assert first == _hashes(tmp_path / "second")
    other = _hashes(tmp_path / "other")
    assert first.keys() == other.keys()
    # the teams and the agents roster are the same whatever the seed
    assert all(first[name] != other[name] for name in first if not name.endswith(("group.csv", "agents.parquet")))


def test_the_paths_returned_are_exactly_the_files_written(demo):
    out, paths = demo
    assert sorted(paths) == sorted(p for p in out.rglob("*") if p.is_file())
    assert {str(p.relative_to(out)) for p in paths} == {
        "canonical/agents.parquet",
        "canonical/tickets.parquet",
        "canonical/messages.parquet",
        "canonical/status_changes.parquet",
        "fivetran/ticket.csv",
        "fivetran/ticket_comment.csv",
        "fivetran/user.csv",
        "fivetran/ticket_field_history.csv",
        "fivetran/group.csv",
        "twitter/twcs_demo.csv",
    }


def test_every_requested_ticket_is_written_once_over_at_least_twelve_iso_weeks(tickets):
    assert tickets.height == 2400
    assert tickets.select(pl.col("desk"), pl.col("ticket")).is_unique().all()
    weeks = tickets.select(pl.col("created_at").dt.iso_year().alias("year"), pl.col("created_at").dt.week())
    assert weeks.unique().height >= 12


def test_the_three_desks_share_the_tickets_as_planned(tickets):
    share = tickets["desk"].value_counts().with_columns(pl.col("count") / tickets.height)
    share = dict(share.iter_rows())
    assert 0.6 < share["canonical"] < 0.8
    assert 0.15 < share["fivetran"] < 0.25
    assert 0.06 < share["twitter"] < 0.14


def test_smaller_runs_keep_to_the_requested_size_and_period(tmp_path):
    start = datetime.date(2026, 3, 2)
    generate_demo_exports(tmp_path, seed=3, tickets=300, weeks=4, start=start)
    canonical = pl.read_parquet(tmp_path / "canonical" / "tickets.parquet")
    zendesk = pl.read_csv(tmp_path / "fivetran" / "ticket.csv", infer_schema=False)
    twitter = pl.read_csv(tmp_path / "twitter" / "twcs_demo.csv", infer_schema=False)
    threads = twitter.filter(pl.col("in_response_to_tweet_id").is_null())
    assert canonical.height + zendesk.height + threads.height == 300
    local_days = canonical["created_at"].dt.convert_time_zone(LOCAL).dt.date()
    assert local_days.min() >= start and local_days.max() < start + datetime.timedelta(weeks=4)


def test_tickets_across_the_daylight_saving_change_keep_local_office_hours(tmp_path):
    generate_demo_exports(tmp_path, seed=5, tickets=600, weeks=4, start=datetime.date(2026, 10, 19))
    created = pl.read_parquet(tmp_path / "canonical" / "tickets.parquet")["created_at"]
    local = created.dt.convert_time_zone(LOCAL)
    before = local.filter(created < datetime.datetime(2026, 11, 1, 6, tzinfo=datetime.UTC))
    after = local.filter(created > datetime.datetime(2026, 11, 1, 7, tzinfo=datetime.UTC))
    assert before.len() > 100 and after.len() > 100
    # The busiest local hour is a working hour on both sides of the change.
    for side in (before, after):
        assert 8 <= side.dt.hour().mode().item(0) <= 17


def test_several_agents_teams_channels_and_priorities(canonical, fivetran, tweets):
    agents = canonical["messages"].filter(pl.col("author_role") == "agent")["author_id"].unique()
    assert agents.len() >= 12
    assert agents.str.contains(r"^agent:[a-z]+\.[a-z]$").all()
    tickets = canonical["tickets"]
    assert set(tickets["channel"]) == {"email", "web", "chat"}
    assert set(tickets["priority"]) == {"low", "normal", "high", "urgent"}
    teams = set(tickets["team"]) | set(fivetran["group"]["name"])
    assert {"billing", "technical", "shipping", "returns", "accounts"} <= teams
    assert set(fivetran["ticket"]["via_channel"]) == {"email", "web", "chat"}
    assert (tweets["author_id"] == "HeatcheckHelp").any()


def test_fewer_tickets_at_weekends_and_on_labor_day_and_some_at_night(tickets):
    local = tickets.select(at=pl.col("created_at").dt.convert_time_zone(LOCAL))
    per_day = local.group_by(pl.col("at").dt.date().alias("day")).len()
    per_day = per_day.with_columns(weekday=pl.col("day").dt.weekday())
    weekday_mean = per_day.filter(pl.col("weekday") <= 5, pl.col("day") != datetime.date(2026, 9, 7))["len"].mean()
    weekend_mean = per_day.filter(pl.col("weekday") >= 6)["len"].mean()
    assert weekend_mean < 0.6 * weekday_mean
    labor_day = per_day.filter(pl.col("day") == datetime.date(2026, 9, 7))["len"].sum()
    assert labor_day < 0.7 * weekday_mean
    night = local.filter((pl.col("at").dt.hour() >= 22) | (pl.col("at").dt.hour() < 6)).height / local.height
    assert 0.02 < night < 0.2


def test_first_replies_take_minutes_to_days_with_a_heavy_tail(messages, tickets):
    first_reply = (
        messages.filter(pl.col("role") == "agent", pl.col("public"))
        .group_by("desk", "ticket")
        .agg(replied=pl.col("at").min())
    )
    waits = (
        tickets.with_columns(pl.col("ticket").cast(pl.String))
        .join(first_reply, on=["desk", "ticket"])
        .select(minutes=(pl.col("replied") - pl.col("created_at")).dt.total_minutes())["minutes"]
    )
    waits = waits.filter(waits > 0)  # agent-created tickets start with the reply
    assert waits.min() < 10
    assert 15 < waits.median() < 12 * 60
    assert waits.max() > 2 * 24 * 60
    assert waits.quantile(0.9) > 4 * waits.median()


SITUATIONS = [
    # (what, who says it, pattern, at least)
    ("anger", "customer", r"(?i)this is ridiculous|worst service", 50),
    ("shouting", "customer", r"\b[A-Z]{4,} [A-Z]{4,} [A-Z]{4,}\b", 10),
    ("sarcasm", "customer", r"(?i)thanks for the \d+ hour delay|great, another outage", 30),
    ("churn threat", "customer", r"(?i)cancel my subscription", 50),
    ("demand for a manager", "customer", r"(?i)speak to a manager|supervisor|someone in charge", 30),
    ("confusion", "customer", r"(?i)I'm confused|not sure what I'm supposed to do", 30),
    ("gratitude", "customer", r"(?i)thank you so much|really appreciate|thanks for sorting", 50),
    ("acknowledgement", "agent", r"I can see the problem with|Thanks for explaining", 50),
    ("apology without blame", "agent", r"I'm sorry this happened|I'm really sorry about", 50),
    ("apology with blame", "agent", r"Sorry, but (you|the carrier|the courier|your|the problem)", 30),
    ("empathy", "agent", r"I understand how frustrating|I completely understand why", 30),
    ("positive language", "agent", r"I can sort this|We'll get this|Your options are", 30),
    ("negative language", "agent", r"(?i)we can't|policy does not allow|not possible|unable to", 30),
    (
        "doublespeak",
        "agent",
        r"any inconvenience this may have caused|higher than normal volumes|We value your feedback",
        30,
    ),
    (
        "refund or replacement",
        "agent",
        r"I've (refunded|issued the refund|sent a replacement|arranged a free replacement)",
        100,
    ),
    ("workaround steps", "agent", r"unplug the hub for 30 seconds", 5),
    ("open question", "agent", r"What have you tried so far\?|What would be the best outcome for you\?", 20),
    ("deadline: within 24 hours", "agent", r"within 24 hours", 10),
    ("deadline: by Friday", "agent", r"by Friday", 10),
    ("deadline: tomorrow", "agent", r"\btomorrow\b", 10),
    ("deadline: end of day", "agent", r"end of day", 10),
    ("deadline: in 2 business days", "agent", r"in 2 business days", 10),
    ("follow-up promise", "agent", r"I'll (get back to you|follow up|check on this)|Expect an update", 50),
    ("escalation", "agent", r"escalat|passing this to|handing this over|passed your case", 50),
    ("redirect to another channel", "agent", r"\bDM\b|give us a call|email us|reply from the email", 50),
    ("door left open", "agent", r"Let us know if there's anything else", 50),
    ("check back after solving", "agent", r"Just checking in|Checking back in|make sure the refund arrived", 20),
    ("a promise kept", "agent", r"As promised|Following up as promised|as I said I would", 20),
    ("a late reply", "agent", r"Sorry for the slow reply|Apologies for the delay|should have updated you sooner", 20),
    ("phone number", "customer", r"\+1 \d{3} 555 \d{4}", 10),
    ("e-mail address", "customer", r"[\w.]+@example\.(com|net)", 10),
    ("card number", "customer", r"4111 1111 1111 1111", 1),
    ("mojibake", "customer", r"â€™", 2),
    ("bot auto-reply", "bot", r"We've received your request|virtual assistant|agents are busy", 50),
]


@pytest.mark.parametrize("what, role, pattern, at_least", SITUATIONS, ids=[s[0] for s in SITUATIONS])
def test_each_difficult_situation_is_in_the_conversations(messages, what, role, pattern, at_least):
    said = messages.filter(pl.col("role") == role, pl.col("body").str.contains(pattern))
    assert said.height >= at_least, f"{what}: {said.height} {role} messages match {pattern!r}"


def test_public_shaming_happens_on_twitter(tweets):
    shaming = tweets.filter(pl.col("inbound") == "True", pl.col("text").str.contains(r"do NOT buy|avoid Heatcheck"))
    assert shaming.height >= 5


def test_phrases_are_composed_not_one_template(messages):
    openings = messages.sort("position").group_by("desk", "ticket", maintain_order=True).first()
    customer_openings = openings.filter(pl.col("role") == "customer")["body"]
    assert customer_openings.n_unique() > 0.9 * customer_openings.len()


def _status_paths(history: pl.DataFrame, ticket: str, status: str) -> pl.DataFrame:
    return history.group_by(ticket, maintain_order=True).agg(path=pl.col(status).str.join(">"))


def test_reopened_tickets_go_solved_open_solved(canonical, fivetran):
    main = _status_paths(canonical["status_changes"], "ticket_id", "status")
    assert main.filter(pl.col("path").str.contains(r"solved>open>(pending>)?solved")).height >= 30
    zendesk = _status_paths(
        fivetran["ticket_field_history"].filter(pl.col("field_name") == "status"), "ticket_id", "value"
    )
    assert zendesk.filter(pl.col("path").str.contains(r"solved>open>(pending>)?solved")).height >= 5
    assert main["path"].str.starts_with("new").all() and zendesk["path"].str.starts_with("new").all()


def test_some_tickets_never_get_an_agent_reply(messages):
    replied = messages.group_by("desk", "ticket").agg(agent=(pl.col("role") == "agent").any())
    never = replied.filter(~pl.col("agent"))
    assert 0.02 < never.height / replied.height < 0.15
    assert set(never["desk"]) == {"canonical", "fivetran", "twitter"}


def test_some_customers_are_left_hanging_on_a_question(messages):
    by_ticket = (
        messages.sort("position")
        .group_by("desk", "ticket", maintain_order=True)
        .agg(
            last_role=pl.col("role").filter(pl.col("role") != "bot").last(),
            last_body=pl.col("body").filter(pl.col("role") != "bot").last(),
            agent_replied=((pl.col("role") == "agent") & pl.col("public")).any(),
        )
    )
    hanging = by_ticket.filter(
        pl.col("last_role") == "customer", pl.col("agent_replied"), pl.col("last_body").str.contains(r"\?")
    )
    assert hanging.height >= 50


def test_internal_notes_are_private_agent_messages(canonical, fivetran, messages):
    notes = messages.filter(~pl.col("public"))
    assert notes.height >= 50
    assert (notes["role"] == "agent").all()
    assert set(notes["desk"]) == {"canonical", "fivetran"}
    # Notes talk about the customer, never to them.
    assert not notes["body"].str.contains(r"^(Hi|Hello|Dear) ").any()
    assert not set(notes["body"]) & set(messages.filter(pl.col("public"))["body"])


def test_some_tickets_are_created_by_an_agent(messages):
    first = messages.sort("position").group_by("desk", "ticket", maintain_order=True).first()
    outbound = first.filter(pl.col("role") == "agent")
    assert outbound.height >= 30
    assert set(outbound["desk"]) == {"canonical", "fivetran", "twitter"}


def _promises(messages: pl.DataFrame) -> pl.DataFrame:
    """For each "within 24 hours" promise, how long until the same ticket's next public agent message."""
    agent = messages.filter(pl.col("role") == "agent", pl.col("public")).sort("position")
    agent = agent.with_columns(next_at=pl.col("at").shift(-1).over("desk", "ticket"))
    promised = agent.filter(
        pl.col("body").str.contains(
            r"I'll (get back to you|follow up with you|check on this).*"
            r"within 24 hours|Expect an update from me within 24 hours"
        )
    )
    return promised.select(hours=(pl.col("next_at") - pl.col("at")).dt.total_minutes() / 60)


def test_follow_up_promises_are_sometimes_kept_and_sometimes_broken(messages):
    hours = _promises(messages)["hours"]
    assert hours.filter(hours < 24).len() >= 10
    assert hours.filter(hours > 30).len() >= 5


def test_escalations_hand_the_ticket_to_another_agent(canonical, fivetran):
    agent_messages = canonical["messages"].filter(pl.col("author_role") == "agent", pl.col("is_public"))
    escalated = (
        agent_messages.group_by("ticket_id")
        .agg(
            escalated=pl.col("body").str.contains(r"escalat|passing this to|handing this over|passed your case").any(),
            agents=pl.col("author_id").n_unique(),
        )
        .filter("escalated")
    )
    assert escalated.filter(pl.col("agents") >= 2).height >= 0.8 * escalated.height
    assignments = fivetran["ticket_field_history"].filter(pl.col("field_name") == "assignee_id")
    handoffs = assignments.group_by("ticket_id").len()
    assert handoffs.filter(pl.col("len") >= 2).height >= 20


def test_complaints_de_escalate_and_worsen(messages):
    customers = messages.filter(pl.col("role") == "customer").sort("position")
    arcs = (
        customers.group_by("desk", "ticket", maintain_order=True)
        .agg(first=pl.col("body").first(), last=pl.col("body").last(), count=pl.len())
        .filter(pl.col("count") >= 2)
    )
    angry_start = pl.col("first").str.contains(r"(?i)ridiculous|worst|angry|unacceptable|NOBODY|cancel")
    calmer = arcs.filter(angry_start, pl.col("last").str.contains(r"(?i)thank|appreciate|sorted"))
    worse = arcs.filter(
        pl.col("last").str.contains(
            r"(?i)worst service ever|going to a competitor|telling everyone|still cancelling|too late"
        )
    )
    assert calmer.height >= 30
    assert worse.height >= 30


def test_solved_complaints_with_and_without_a_check_back(canonical):
    solved = (
        canonical["status_changes"]
        .filter(pl.col("status") == "solved")
        .group_by("ticket_id")
        .agg(solved_at=pl.col("changed_at").max())
    )
    last_agent = (
        canonical["messages"]
        .filter(pl.col("author_role") == "agent", pl.col("is_public"))
        .group_by("ticket_id")
        .agg(last_agent_at=pl.col("created_at").max())
    )
    joined = solved.join(last_agent, on="ticket_id")
    assert joined.filter(pl.col("last_agent_at") > pl.col("solved_at")).height >= 30
    assert joined.filter(pl.col("last_agent_at") <= pl.col("solved_at")).height >= 300


def test_every_ticket_has_a_message_and_every_message_a_ticket(canonical, fivetran, tweets):
    main_tickets = set(canonical["tickets"]["ticket_id"])
    main_messages = set(_good_rows(canonical["messages"])["ticket_id"])
    assert main_tickets == main_messages
    assert set(fivetran["ticket"]["id"]) == set(fivetran["ticket_comment"]["ticket_id"])
    # A tweet's thread is its ticket: every reply answers a tweet that is in the file.
    assert set(tweets["in_response_to_tweet_id"].drop_nulls()) <= set(tweets["tweet_id"])


def test_messages_are_in_time_order_within_a_ticket(messages, canonical, tickets):
    order = messages.sort("position").with_columns(previous=pl.col("at").shift(1).over("desk", "ticket"))
    assert order.filter(pl.col("at") < pl.col("previous")).is_empty()
    first = messages.sort("position").group_by("desk", "ticket").agg(first_at=pl.col("at").first())
    joined = tickets.with_columns(pl.col("ticket").cast(pl.String)).join(first, on=["desk", "ticket"])
    assert joined.height == tickets.height
    assert (joined["first_at"] == joined["created_at"]).all()


def test_ticket_updated_at_covers_its_messages_and_status_changes(canonical):
    latest = (
        pl.concat(
            [
                _good_rows(canonical["messages"]).select("ticket_id", at="created_at"),
                canonical["status_changes"].select("ticket_id", at="changed_at"),
            ]
        )
        .group_by("ticket_id")
        .agg(latest=pl.col("at").max())
    )
    joined = canonical["tickets"].join(latest, on="ticket_id")
    assert (joined["updated_at"] == joined["latest"]).all()
    last_status = canonical["status_changes"].group_by("ticket_id", maintain_order=True).last()
    assert dict(zip(last_status["ticket_id"], last_status["status"])) == dict(
        zip(canonical["tickets"]["ticket_id"], canonical["tickets"]["status"])
    )


def test_a_handful_of_deliberately_bad_message_rows(canonical):
    rows = canonical["messages"]
    null_time = rows.filter(pl.col("created_at").is_null()).height
    unknown_role = rows.filter(~pl.col("author_role").is_in(["customer", "agent", "bot", "system"])).height
    no_ticket = rows.filter(pl.col("ticket_id") == "").height
    assert null_time >= 1 and unknown_role >= 1 and no_ticket >= 1
    assert 5 <= null_time + unknown_role + no_ticket <= 10
    assert rows["message_id"].is_unique().all()


def test_canonical_columns_and_types(canonical):
    tickets, messages, statuses = canonical["tickets"], canonical["messages"], canonical["status_changes"]
    utc = pl.Datetime("us", "UTC")
    assert tickets.columns == [
        "ticket_id",
        "source",
        "created_at",
        "updated_at",
        "status",
        "priority",
        "channel",
        "subject",
        "requester_id",
        "assignee_id",
        "team",
        "tags",
        "csat",
    ]
    assert tickets.schema["created_at"] == utc and tickets.schema["tags"] == pl.List(pl.String)
    assert messages.columns == [
        "message_id",
        "ticket_id",
        "author_id",
        "author_role",
        "is_public",
        "created_at",
        "body",
    ]
    assert messages.schema["created_at"] == utc and messages.schema["is_public"] == pl.Boolean
    assert statuses.columns == ["ticket_id", "status", "changed_at"] and statuses.schema["changed_at"] == utc
    assert tickets["ticket_id"].str.contains(r"^D-\d{6}$").all()
    assert (tickets["source"] == "demo").all()
    assert set(tickets["status"]) <= {"new", "open", "pending", "hold", "solved", "closed"}
    assert set(tickets["csat"].drop_nulls()) == {"good", "bad"} and tickets["csat"].null_count() > 0


def test_fivetran_tables_look_like_the_connector(fivetran):
    zulu = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"
    ticket, comment, user = fivetran["ticket"], fivetran["ticket_comment"], fivetran["user"]
    assert ticket.columns == [
        "id",
        "_fivetran_synced",
        "created_at",
        "updated_at",
        "type",
        "subject",
        "description",
        "priority",
        "status",
        "requester_id",
        "submitter_id",
        "assignee_id",
        "group_id",
        "via_channel",
        "brand_id",
    ]
    assert comment.columns == ["id", "_fivetran_synced", "body", "created", "public", "ticket_id", "user_id"]
    assert fivetran["ticket_field_history"].columns == [
        "ticket_id",
        "field_name",
        "updated",
        "value",
        "user_id",
        "_fivetran_synced",
    ]
    for frame, column in (
        (ticket, "created_at"),
        (comment, "created"),
        (user, "created_at"),
        (fivetran["ticket_field_history"], "updated"),
        (ticket, "_fivetran_synced"),
    ):
        assert frame[column].str.contains(zulu).all(), column
    for frame, column in (
        (ticket, "id"),
        (ticket, "requester_id"),
        (comment, "id"),
        (comment, "user_id"),
        (user, "id"),
        (fivetran["group"], "id"),
    ):
        assert frame[column].str.contains(r"^\d+$").all(), column
    assert set(comment["public"]) == {"true", "false"}
    assert set(user["role"]) == {"end-user", "agent", "admin"}
    assert set(ticket["group_id"]) <= set(fivetran["group"]["id"])
    assert set(comment["user_id"]) <= set(user["id"])


def test_user_emails_stay_out_of_message_bodies(fivetran, messages):
    bodies = "\n".join(messages["body"].to_list())
    assert fivetran["user"]["email"].str.ends_with("example.com").all()
    assert not [email for email in fivetran["user"]["email"] if email in bodies]


def test_twitter_threads_look_like_twcs(tweets):
    assert tweets.columns[:7] == [
        "tweet_id",
        "author_id",
        "inbound",
        "created_at",
        "text",
        "response_tweet_id",
        "in_response_to_tweet_id",
    ]
    assert set(tweets["inbound"]) == {"True", "False"}
    customers = tweets.filter(pl.col("inbound") == "True")
    company = tweets.filter(pl.col("inbound") == "False")
    assert customers["author_id"].str.contains(r"^\d+$").all()
    assert customers["text"].str.starts_with("@HeatcheckHelp ").all()
    assert company["text"].str.contains(r"^@\d+ ").all() and (company["author_id"] == "HeatcheckHelp").all()
    assert tweets["text"].str.len_chars().max() <= 280
    sizes = tweets.group_by("thread").len()["len"]
    assert sizes.max() <= 8 and (sizes >= 2).mean() > 0.95
    assert tweets["response_tweet_id"].str.contains(",").any()
    # response_tweet_id lists exactly the tweets that answer this one.
    answers = (
        tweets.filter(pl.col("in_response_to_tweet_id").is_not_null())
        .group_by("in_response_to_tweet_id")
        .agg(pl.col("tweet_id").sort_by(pl.col("tweet_id").cast(pl.Int64)).str.join(","))
    )
    listed = dict(zip(tweets["tweet_id"], tweets["response_tweet_id"]))
    assert all(listed[parent] == replies for parent, replies in answers.iter_rows())
    parent_at = dict(zip(tweets["tweet_id"], tweets["at"]))
    assert all(at > parent_at[parent] for parent, at in zip(tweets["in_response_to_tweet_id"], tweets["at"]) if parent)
