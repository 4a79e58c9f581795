"""The corpus of bad and awkward exports a help desk really produces, each with what must happen:
a record quarantined with its reason, or the file failed with one line naming it and the problem,
never a row lost without a word. Each case is staged into a real DuckDB file, and then a good
file is ingested in a second run, so no case can freeze the warehouse for the runs after it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest

from heatcheck.readers.batch import read_batch
from heatcheck.readers.plausibility import PlausibleTimes
from heatcheck.staging import create_staging_tables, loaded_files, stage_all

HEADER = "message_id,ticket_id,author_id,author_role,created_at,body"
INGESTED_AT = datetime(2026, 12, 1, 12, 0)
WINDOW = PlausibleTimes.around(date(2000, 1, 1), INGESTED_AT, 24)
MS = 1_764_590_400_000  # 2025-12-01 12:00 UTC in milliseconds
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CONTACTS = ("jane.doe@example.com", "+1 415 555 0134", "4111 1111 1111 1111")


def csv_rows(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


def message(n: int, when: str = "2026-03-02T09:00:00Z", body: str = "hello") -> str:
    return f"m{n},T1,c1,customer,{when},{body}"


def parquet(frame: pl.DataFrame) -> bytes:
    import io

    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    return buffer.getvalue()


def jsonl(*records: object) -> bytes:
    return ("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n").encode()


def record(n: int, **changes) -> dict:
    base = {"message_id": f"m{n}", "ticket_id": "T1", "author_id": "c1", "author_role": "customer",
            "created_at": "2026-03-02T09:00:00Z", "body": "hello"}  # fmt: skip
    return {**base, **changes}


@dataclass
class Case:
    files: dict[str, bytes]
    # per file: (loaded, quarantined) or the text its one-line failure must contain
    expect: dict[str, tuple[int, int] | str]
    # text every quarantine reason of the case must contain, per file
    reasons: dict[str, str] = field(default_factory=dict)


CASES = {
    # --- timestamps ------------------------------------------------------------------------------
    "parquet epoch milliseconds are read as milliseconds": Case(
        {
            "m.parquet": parquet(
                pl.DataFrame(
                    {
                        "message_id": ["m1"],
                        "ticket_id": ["T1"],
                        "author_role": ["customer"],
                        "created_at": [MS],
                        "body": ["hi"],
                    }
                )
            )
        },  # fmt: skip
        {"m.parquet": (1, 0)},
    ),
    "parquet epoch microseconds": Case(
        {
            "m.parquet": parquet(
                pl.DataFrame(
                    {
                        "message_id": ["m1"],
                        "ticket_id": ["T1"],
                        "author_role": ["customer"],
                        "created_at": [MS * 1000],
                        "body": ["hi"],
                    }
                )
            )
        },  # fmt: skip
        {"m.parquet": (1, 0)},
    ),
    "CSV epoch milliseconds as digits": Case({"m.csv": csv_rows(message(1, str(MS)))}, {"m.csv": (1, 0)}),
    "JSON Lines epoch seconds as a number": Case(
        {"m.jsonl": jsonl(record(1, created_at=MS // 1000))}, {"m.jsonl": (1, 0)}
    ),
    "a date in 2099 is quarantined": Case(
        {"m.csv": csv_rows(message(1), message(2, "2099-01-01T00:00:00Z"))}, {"m.csv": (1, 1)}, {"m.csv": "plausible"}
    ),
    "a 9999-12-31 placeholder is quarantined": Case(
        {"m.csv": csv_rows(message(1, "9999-12-31T00:00:00Z"), message(2))}, {"m.csv": (1, 1)}, {"m.csv": "plausible"}
    ),
    "a date before 2000 is quarantined": Case(
        {"m.csv": csv_rows(message(1, "1999-12-31T23:00:00Z"), message(2))}, {"m.csv": (1, 1)}, {"m.csv": "plausible"}
    ),
    "epoch zero is quarantined": Case({"m.csv": csv_rows(message(1, "0000000000"), message(2))}, {"m.csv": (1, 1)}),
    "a timestamp that is not one": Case(
        {"m.csv": csv_rows(message(1, "next tuesday"), message(2))}, {"m.csv": (1, 1)}, {"m.csv": "not a timestamp"}
    ),
    "a ticket file with a 9999 update": Case(
        {
            "tickets.csv": csv_rows(
                "T9,2026-03-01T00:00:00Z,9999-01-01T00:00:00Z", header="ticket_id,created_at,updated_at"
            )
        },
        {"tickets.csv": (0, 1)},
        {"tickets.csv": "updated_at"},
    ),
    # --- every file fails alone ------------------------------------------------------------------
    "a corrupt Parquet file": Case(
        {"bad.parquet": b"PAR1" + b"\x00garbage" * 50, "good.csv": csv_rows(message(1))},
        {"bad.parquet": "bad.parquet", "good.csv": (1, 0)},
    ),
    "a README in the inbox": Case(
        {"README.txt": b"Exports from Zendesk.\nAsk Sam before deleting.\n", "good.csv": csv_rows(message(1))},
        {"README.txt": "not a known ticket export", "good.csv": (1, 0)},
    ),
    "a binary file": Case(
        {"photo.jpg": bytes(range(256)) * 20, "good.csv": csv_rows(message(1))},
        {"photo.jpg": "photo.jpg", "good.csv": (1, 0)},
    ),
    "an empty file": Case(
        {"empty.csv": b"", "good.csv": csv_rows(message(1))}, {"empty.csv": "empty", "good.csv": (1, 0)}
    ),
    "a header and nothing else": Case({"m.csv": csv_rows()}, {"m.csv": (0, 0)}),
    "a mapping with an unknown time zone": Case(
        {
            "export.csv": b"Ticket,When,Who,Text\n1,2026-03-02 09:00,customer,hi\n",
            "export.mapping.yaml": b"columns: {ticket_id: Ticket, created_at: When, author_role: Who, body: Text}\n"
            b"timezone: Mars/Olympus_Mons\n",
            "good.csv": csv_rows(message(1)),
        },  # fmt: skip
        {"export.csv": "Mars/Olympus_Mons", "good.csv": (1, 0)},
    ),
    "a messages file without author_role": Case(
        {
            "m.csv": b"message_id,ticket_id,created_at,body\nm1,T1,2026-03-02T09:00:00Z,hi\n",
            "good.csv": csv_rows(message(2)),
        },
        {"m.csv": "author_role", "good.csv": (1, 0)},
    ),
    "JSON that does not parse at all": Case(
        {"m.json": b'{"tickets": [1, 2', "good.csv": csv_rows(message(1))}, {"m.json": "m.json", "good.csv": (1, 0)}
    ),
    # --- CSV that used to lose rows silently ---------------------------------------------------------
    "a ragged row from an unquoted comma": Case(
        {"m.csv": csv_rows(message(1), message(2, body="sorry, late"), message(3))},
        {"m.csv": (2, 1)},
        {"m.csv": "fields"},
    ),
    "a row with too few fields": Case({"m.csv": csv_rows(message(1), "m2,T1,c1")}, {"m.csv": (1, 1)}),
    "CR-only line ends": Case({"m.csv": csv_rows(message(1), message(2)).replace(b"\n", b"\r")}, {"m.csv": (2, 0)}),
    "CRLF line ends": Case({"m.csv": csv_rows(message(1), message(2)).replace(b"\n", b"\r\n")}, {"m.csv": (2, 0)}),
    "latin-1 text keeps its accents": Case(
        {"m.csv": csv_rows(message(1, body="café déjà vu très")).decode().encode("latin-1")}, {"m.csv": (1, 0)}
    ),  # fmt: skip
    "Windows-1252 curly quotes": Case(
        {"m.csv": csv_rows(message(1, body="“where’s my order?” — still waiting")).decode().encode("cp1252")},
        {"m.csv": (1, 0)},
    ),
    "a UTF-8 byte-order mark": Case({"m.csv": b"\xef\xbb\xbf" + csv_rows(message(1))}, {"m.csv": (1, 0)}),
    "a file cut inside a quoted field": Case(
        {"m.csv": csv_rows(message(1), message(2), 'm3,T1,c1,customer,2026-03-02T09:00:00Z,"it was cut')},
        {"m.csv": (2, 1)},
        {"m.csv": "quoted field"},
    ),
    "a quoted multi-line body": Case({"m.csv": csv_rows(message(1, body='"line one\nline two"'))}, {"m.csv": (1, 0)}),
    "a blank line in the middle": Case({"m.csv": csv_rows(message(1), "", message(2))}, {"m.csv": (2, 0)}),
    "a headerless CSV": Case(
        {"m.csv": f"jane,{CONTACTS[0]},{CONTACTS[1]},{CONTACTS[2]}\n".encode(), "good.csv": csv_rows(message(1))},
        {"m.csv": "not column names", "good.csv": (1, 0)},
    ),
    "a mapped CSV in its declared encoding": Case(
        {
            "export.csv": "Ticket,When,Who,Text\n1,2026-03-02 09:00,customer,Größe falsch\n".encode("cp1252"),
            "export.mapping.yaml": b"columns: {ticket_id: Ticket, created_at: When, author_role: Who, body: Text}\n"
            b"encoding: cp1252\n",
        },  # fmt: skip
        {"export.csv": (1, 0)},
    ),
    "a mapping declaring an unknown encoding": Case(
        {
            "export.csv": b"Ticket,When,Who,Text\n1,2026-03-02 09:00,customer,hi\n",
            "export.mapping.yaml": b"columns: {ticket_id: Ticket, created_at: When, author_role: Who, body: Text}\n"
            b"encoding: klingon\n",
        },  # fmt: skip
        {"export.csv": "klingon"},
    ),
    # --- per-record quarantine in JSON -----------------------------------------------------------
    "a JSON Lines line with an object where text belongs": Case(
        {"m.jsonl": jsonl(record(1), record(2, body={"text": "hi"}), record(3))},
        {"m.jsonl": (2, 1)},
        {"m.jsonl": "body"},
    ),
    "a JSON Lines line with a number id": Case(
        {"m.jsonl": jsonl(record(1), record(2, message_id=2))}, {"m.jsonl": (2, 0)}
    ),
    "a JSON Lines line that is not JSON": Case({"m.jsonl": jsonl(record(1), "{oops", record(3))}, {"m.jsonl": (2, 1)}),
    "a JSON Lines line that is a list": Case({"m.jsonl": jsonl(record(1), [1, 2])}, {"m.jsonl": (1, 1)}),
    "a JSON Lines file cut mid-line": Case({"m.jsonl": jsonl(record(1), record(2))[:-20]}, {"m.jsonl": (1, 1)}),
    "a JSON array with a non-object element": Case(
        {"m.json": json.dumps([record(1), "stray", record(3)]).encode()},
        {"m.json": (2, 1)},
        {"m.json": "not a JSON object"},
    ),
    "a JSON array cut in the middle": Case(
        {"m.json": json.dumps([record(1), record(2), record(3)]).encode()[:-40]}, {"m.json": (2, 1)}, {"m.json": "cut"}
    ),
    "tags as a list and as text": Case(
        {"m.jsonl": jsonl(record(1, tags=["a", "b"]), record(2, tags="c, d"))}, {"m.jsonl": (2, 0)}
    ),
    # --- ids -------------------------------------------------------------------------------------
    "the same message id in two files": Case(
        {"a.csv": csv_rows(message(1), message(2)), "b.csv": csv_rows(message(1, body="edited"))},
        {"a.csv": (1, 1), "b.csv": (1, 0)},
        {"a.csv": "also in"},
    ),
    "a repeated message id in one file": Case({"m.csv": csv_rows(message(1), message(1))}, {"m.csv": (1, 1)}),
    "a missing message id": Case(
        {"m.csv": csv_rows(message(1), ",T1,c1,customer,2026-03-02T09:00:00Z,x")}, {"m.csv": (1, 1)}
    ),
    "an unknown author role": Case(
        {"m.csv": csv_rows("m1,T1,c1,robot,2026-03-02T09:00:00Z,x", message(2))}, {"m.csv": (1, 1)}
    ),
    # --- Twitter ---------------------------------------------------------------------------------
    "a Twitter export cut in half": Case(
        {
            "twcs.csv": (
                b"tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
                + b"".join(f'{i},u{i},True,Tue Oct 31 22:10:47 +0000 2017,"hi {i}",,\n'.encode() for i in range(1, 51))
                + b'51,u51,True,Tue Oct 31 22:10:47 +0000 2017,"cut her'
            )
        },  # fmt: skip
        {"twcs.csv": (50, 1)},
    ),
}


def zendesk_tickets_in_milliseconds() -> bytes:
    page = json.loads((FIXTURES / "zendesk_api" / "tickets_page1.json").read_text())
    for ticket in page["tickets"]:
        ticket["created_at"] = ticket["updated_at"] = MS
    page.pop("next_page", None)
    return json.dumps(page).encode()


def fivetran_tickets_in_milliseconds() -> bytes:
    frame = pl.read_csv(FIXTURES / "fivetran" / "ticket.csv", infer_schema=False)
    return frame.with_columns(created_at=pl.lit(str(MS)), updated_at=pl.lit(str(MS))).write_csv().encode()


CASES["Zendesk API JSON with epoch milliseconds"] = Case(
    # the fixture's own ticket without an id is the one quarantined record
    {"tickets.json": zendesk_tickets_in_milliseconds()},
    {"tickets.json": (10, 1)},
)
CASES["Fivetran CSV with epoch milliseconds"] = Case(
    # the fixture's deleted ticket and ticket without an id are the quarantined ones
    {"ticket.csv": fivetran_tickets_in_milliseconds()},
    {"ticket.csv": (6, 2)},
)


def _stage(con: duckdb.DuckDBPyConnection, paths: list[Path]):
    con.execute("BEGIN")
    batch = read_batch(paths, "UTC", loaded_files(con), WINDOW)
    stage_all(con, batch, INGESTED_AT)
    con.execute("COMMIT")
    return batch


@pytest.mark.parametrize("name", CASES)
def test_a_bad_input_is_quarantined_or_fails_alone_and_the_next_run_goes_on(tmp_path, name):
    case = CASES[name]
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for file_name, content in case.files.items():
        (inbox / file_name).write_bytes(content)
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    create_staging_tables(con)

    batch = _stage(con, [inbox])

    outcomes = {Path(f.path).name: f for f in batch.files}
    for file_name, expected in case.expect.items():
        outcome = outcomes[file_name]
        if isinstance(expected, str):
            assert outcome.status == "failed", f"{file_name} should fail"
            assert file_name in outcome.error and expected in outcome.error, outcome.error
            assert "\n" not in outcome.error and not any(c in outcome.error for c in CONTACTS)
        else:
            assert outcome.status == "loaded", outcome.error
            assert (outcome.loaded, outcome.quarantined) == expected
            assert outcome.rows_read == outcome.loaded + outcome.quarantined
    quarantine = con.execute("SELECT file, reason, raw FROM staging.quarantine").fetchall()
    for file_name, needle in case.reasons.items():
        reasons = [reason for source, reason, _ in quarantine if Path(source).name == file_name]
        assert reasons and all(needle in reason for reason in reasons), reasons
    assert all(raw for _, _, raw in quarantine), "every quarantined record keeps its raw text"

    # the next run with a good file loads it, whatever the bad file left behind
    later = tmp_path / "later.csv"
    later.write_bytes(csv_rows(message(900)))
    (good,) = _stage(con, [later]).files
    assert (good.status, good.loaded) == ("loaded", 1)
    for table in ("messages", "tickets"):
        times = con.execute(f"SELECT min(created_at), max(created_at) FROM staging.{table}").fetchone()
        assert times[0] >= WINDOW.earliest and times[1] <= WINDOW.latest, table


def test_epoch_milliseconds_land_on_the_right_day(tmp_path):
    path = tmp_path / "m.parquet"
    path.write_bytes(CASES["parquet epoch milliseconds are read as milliseconds"].files["m.parquet"])
    (result,) = read_batch([path], "UTC", {}, WINDOW).results
    assert result.messages["created_at"].to_list() == [datetime(2025, 12, 1, 12, 0)]


def test_a_latin_1_export_is_decoded_not_mangled(tmp_path):
    path = tmp_path / "m.csv"
    path.write_bytes(CASES["latin-1 text keeps its accents"].files["m.csv"])
    (result,) = read_batch([path], "UTC", {}, WINDOW).results
    assert result.messages["body"].to_list() == ["café déjà vu très"]


def test_the_corpus_covers_forty_cases():
    assert len(CASES) >= 40
