"""Property tests (hypothesis, fixed seed, 500 examples each): whatever the input, the readers do
not crash and account for every record, business time never exceeds calendar time nor goes
negative, and a promise's deadline never falls before the promise."""

from datetime import datetime, timedelta

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from heatcheck.metrics.business_time import BusinessSchedule, add_business_minutes, business_minutes
from heatcheck.metrics.deadlines import promise_deadline
from heatcheck.metrics.settings import load_settings
from heatcheck.readers.batch import read_batch
from heatcheck.readers.plausibility import PlausibleTimes
from heatcheck.readers.text import clean_body, with_body_clean

SCHEDULE = BusinessSchedule.from_settings(load_settings())
PROPERTY = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
MOMENTS = st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2035, 12, 31))
HEADER = b"message_id,ticket_id,author_id,author_role,created_at,body\n"
# Pieces real exports are made of, broken ones included: quotes, commas, CR, bytes of other encodings.
PIECES = st.sampled_from(
    [
        b"m1",
        b"T1",
        b"customer",
        b"agent",
        b"2026-03-02T09:00:00Z",
        b"1764590400000",
        b"9999-12-31",
        b",",
        b'"',
        b"\n",
        b"\r",
        b"\r\n",
        b"hello",
        b"caf\xe9",
        b"\xe2\x80\x9c",
        b"\xff",
        b"{",
        b"}",
        b"[",
        b" ",
    ]  # fmt: skip
)
WINDOW = PlausibleTimes.around(datetime(2000, 1, 1).date(), datetime(2026, 12, 1), 24)


@seed(20261201)
@PROPERTY
@given(body=st.lists(PIECES, max_size=60).map(b"".join), suffix=st.sampled_from(["csv", "jsonl", "json"]))
def test_a_reader_never_crashes_and_every_record_is_loaded_or_quarantined(tmp_path_factory, body, suffix):
    path = tmp_path_factory.mktemp("export") / f"messages.{suffix}"
    path.write_bytes(HEADER + body if suffix == "csv" else body)
    batch = read_batch([path], "UTC", {}, WINDOW)
    for outcome in batch.files:
        if outcome.status == "failed":
            assert str(path) in outcome.error and "\n" not in outcome.error
        else:
            assert outcome.rows_read == outcome.loaded + outcome.quarantined


@seed(20261201)
@PROPERTY
@given(start=MOMENTS, hours=st.floats(min_value=-48, max_value=24 * 60))
def test_business_minutes_are_never_negative_nor_more_than_calendar_minutes(start, hours):
    end = start + timedelta(hours=hours)
    minutes = business_minutes(start, end, SCHEDULE)
    assert 0 <= minutes <= max(0.0, (end - start) / timedelta(minutes=1)) + 1e-6


@seed(20261201)
@PROPERTY
@given(start=MOMENTS, minutes=st.floats(min_value=0, max_value=10_000))
def test_adding_business_minutes_moves_forward_by_exactly_that_much_business_time(start, minutes):
    end = add_business_minutes(start, minutes, SCHEDULE)
    assert end >= start
    assert abs(business_minutes(start, end, SCHEDULE) - minutes) < 1e-3


@seed(20261201)
@PROPERTY
@given(
    sent_at=MOMENTS,
    words=st.lists(
        st.sampled_from(
            [
                "I'll",
                "get back",
                "to you",
                "by",
                "Friday",
                "tomorrow",
                "within",
                "24",
                "48 hours",
                "2",
                "business days",
                "end of day",
                "EOD",
                "at",
                "3pm",
                "next week",
                "Monday",
                "shortly",
                ".",
            ]
        ),  # fmt: skip
        max_size=12,
    ).map(" ".join),
)
def test_a_promise_deadline_never_falls_before_the_promise(sent_at, words):
    deadline, phrase = promise_deadline(words, sent_at, SCHEDULE)
    assert deadline >= sent_at and phrase


BODY_PIECES = st.sampled_from(
    [
        "hello",
        " ",
        "\n",
        "\r\n",
        "> ",
        "On Tue, 3 Jan 2024 at 10:00, Support <help@x.com> WROTE:",
        "wrote:",
        "From: Sam",
        "from: sam",
        "-- ",
        "--",
        "Sent from my iPhone",
        "sent from my phone",
        "--- Original Message ---",
        "café",
        "donâ€™t",
        "\t",
        "ok",
        ">",
    ]  # fmt: skip
)


@seed(20261201)
@PROPERTY
@given(bodies=st.lists(st.lists(BODY_PIECES, max_size=12).map("".join), min_size=1, max_size=20))
def test_the_vectorised_body_cleaning_equals_clean_body_on_every_text(bodies):
    import polars as pl

    cleaned = with_body_clean(pl.DataFrame({"body": bodies}))
    assert cleaned["body_clean"].to_list() == [clean_body(body) for body in bodies]
