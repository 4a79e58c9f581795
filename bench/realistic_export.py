"""The benchmark's yardstick file: one flat canonical CSV of support messages of realistic length.

The demo's conversations are short (a sentence or two per message); real ticket text runs from a
few words to a long paragraph. Each demo message keeps its own words, which carry the practices
and signals, and gains detail sentences of the kind customers and agents write (order numbers,
dates, devices, what was tried) until it reaches a length drawn from 5 to 80 words, about 42 on
average. One message in twenty is a stock text (a macro or a one-line nudge) that recurs word for
word, and with the bots' fixed replies about 90% of the texts are distinct, as in a real help desk's history.

The file is flat: each message row carries its ticket's columns (SPEC section 2), so the product
and the naive notebook read the very same file. Deterministic: one `random.Random(seed)`.
"""

from __future__ import annotations

import datetime
import random
import tempfile
from dataclasses import replace
from pathlib import Path

import polars as pl

from heatcheck.demo.phrases import PLANS, PRODUCTS
from heatcheck.demo.scenarios import build_tickets
from heatcheck.demo.writers import write_canonical
from heatcheck.readers.canonical import FLAT_TICKET_COLUMNS

WORDS = {"low": 5, "high": 80, "mean": 42}
STOCK_SHARE = 0.05

CUSTOMER_DETAILS = (
    "My order number is {order}.",
    "I bought the {product} on {date} and set it up the same day.",
    "The {product} in the {room} shows error {code} every morning.",
    "I already restarted the {product} twice and unplugged it for ten minutes.",
    "The app says the device is offline but the light on it is green.",
    "I was charged {amount} on {date} for the {plan}.",
    "This is the {count} time I am writing about the same thing.",
    "My partner called the help line on {date} and was told someone would call back.",
    "We have two small children and the house is cold in the evening.",
    "I followed the steps in the manual and the pairing still stops halfway.",
    "The installer left on {date} and said everything was working.",
    "I can send a photo of the display if that helps.",
    "I updated the firmware to version {version} last night.",
    "The delivery note says the parcel was left at the front door, which it was not.",
    "I would like to know what the next step is and when it will happen.",
    "Our account is under the name of my husband, the e-mail is the same.",
    "It worked fine for {months} months before this started.",
    "The heating comes on at {hour} even though the schedule says {other_hour}.",
)
AGENT_DETAILS = (
    "I have checked order {order} and can see it was dispatched on {date}.",
    "Your {product} is on firmware {version}, which is the latest release.",
    "I can see the payment of {amount} taken on {date} for the {plan}.",
    "Our logs show the device last connected to the hub on {date}.",
    "I have added a note to your account so my colleagues can see the history.",
    "The courier reference for the replacement is {order}.",
    "Error {code} usually means the sensor has lost its connection to the hub.",
    "Please keep the old unit until the replacement arrives.",
    "I have asked our technical team to review the readings from the {room}.",
    "The refund of {amount} normally shows on your statement within five working days.",
    "If the schedule still runs at {hour}, please send us a screenshot of the app.",
)
STOCK_TEXTS = {
    "customer": (
        "Any update on this?",
        "Hello, is anyone reading this?",
        "Still waiting for an answer.",
        "Thanks, that worked for me.",
        "Please see my message above.",
        "Can someone please get back to me today.",
        "Following up on my previous message.",
    ),
    "agent": (
        "Thank you for contacting Heatcheck Support. We have received your request and will reply soon.",
        "We are sorry for the wait. A member of our team will be with you shortly.",
        "Thank you, have a good day.",
        "Your ticket has been updated. Reply to this e-mail to add a comment.",
        "Is there anything else we can help you with today?",
    ),
}
ROOMS = ("living room", "hallway", "bedroom", "kitchen", "office", "bathroom", "loft")
COUNTS = ("second", "third", "fourth", "fifth")


def write_realistic_export(
    out_dir: Path, tickets: int, weeks: int, start: datetime.date, seed: int = 7, number_from: int = 0
) -> tuple[Path, int]:
    """Write `messages.csv` (flat canonical) into out_dir; return its path and its message count."""
    rng = random.Random(seed)
    built = build_tickets(seed, tickets, weeks, start)
    if number_from:
        built = [replace(ticket, number=ticket.number + number_from) for ticket in built]
    with tempfile.TemporaryDirectory() as tmp:  # the canonical writer's files, read back at once
        write_canonical(built, Path(tmp), random.Random(seed + 1))
        messages = pl.read_parquet(Path(tmp) / "canonical" / "messages.parquet")
        tickets_frame = pl.read_parquet(Path(tmp) / "canonical" / "tickets.parquet")

    bodies = [
        _lengthened(body, role, rng) for body, role in zip(messages["body"], messages["author_role"], strict=True)
    ]
    flat = (
        messages.with_columns(body=pl.Series(bodies, dtype=pl.String))
        .join(
            tickets_frame.rename({"created_at": "ticket_created_at", "updated_at": "ticket_updated_at"})
            .with_columns(pl.col("tags").list.join(","))
            .select("ticket_id", *FLAT_TICKET_COLUMNS),
            on="ticket_id",
            how="left",
            maintain_order="left",
        )
        .with_columns(pl.col(pl.Datetime).dt.to_string("%Y-%m-%dT%H:%M:%S%.fZ"))
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "messages.csv"
    flat.write_csv(path)
    return path, flat.height


def _lengthened(body: str | None, role: str | None, rng: random.Random) -> str | None:
    """The message's own words, then detail sentences up to a length drawn for it; or a stock text."""
    if body is None or role not in ("customer", "agent"):
        return body
    if rng.random() < STOCK_SHARE:
        return rng.choice(STOCK_TEXTS[role])
    target = min(WORDS["high"], max(WORDS["low"], round(rng.triangular(WORDS["low"], WORDS["high"], _MODE))))
    details = CUSTOMER_DETAILS if role == "customer" else AGENT_DETAILS
    room = target - len(body.split())  # a message already longer keeps all its words
    added: list[str] = []
    while room > 0:
        sentence = _filled(rng.choice(details), rng)
        room -= len(sentence.split())
        if room < -3 and added:  # whole sentences only, ending near the drawn length
            break
        added.append(sentence)
    if not added:
        return body
    detail = " ".join(added)
    # Detail goes before an e-mail's sign-off, where people write it, so the signature stays last.
    paragraphs = body.rsplit("\n\n", 1)
    if len(paragraphs) == 2:
        return f"{paragraphs[0]} {detail}\n\n{paragraphs[1]}"
    return f"{body} {detail}"


# A triangular distribution on [5, 80] averages (5 + 80 + mode) / 3. The mode is set for a mean of
# 44 on the messages that gain detail, so that with the short stock texts the whole file averages 42.
_MODE = 3 * (WORDS["mean"] + 2) - WORDS["low"] - WORDS["high"]


def _filled(template: str, rng: random.Random) -> str:
    """One detail sentence with its blanks filled (numbers and dates make most texts distinct)."""
    day = datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randrange(700))
    hour = rng.randrange(5, 23)
    return template.format(
        order=f"HC-{rng.randrange(10**6, 10**7)}",
        product=rng.choice(PRODUCTS),
        plan=rng.choice(PLANS),
        date=day.strftime("%-d %B"),
        room=rng.choice(ROOMS),
        code=f"E{rng.randrange(10, 99)}",
        amount=f"${rng.randrange(5, 400)}.{rng.randrange(100):02d}",
        count=rng.choice(COUNTS),
        version=f"{rng.randrange(1, 5)}.{rng.randrange(20)}.{rng.randrange(10)}",
        months=rng.randrange(2, 30),
        hour=f"{hour}:00",
        other_hour=f"{(hour + rng.randrange(1, 6)) % 24}:00",
    )


def write_large_export(
    out_dir: Path, tickets: int, weeks: int, start: datetime.date, part_tickets: int = 250_000
) -> tuple[Path, int]:
    """`messages.csv` for a history too large to generate at once: parts of `part_tickets`
    tickets over the same weeks (their own seeds, ticket numbers apart), appended to one file.
    The generator holds a part's tickets as Python objects, which would not fit 10M messages."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "messages.csv"
    rows = 0
    with path.open("wb") as whole, tempfile.TemporaryDirectory() as tmp:
        for part, first in enumerate(range(0, tickets, part_tickets)):
            count = min(part_tickets, tickets - first)
            part_path, part_rows = write_realistic_export(
                Path(tmp), tickets=count, weeks=weeks, start=start, seed=7 + part, number_from=first
            )
            with part_path.open("rb") as text:
                if part:
                    text.readline()  # one header for the whole file
                while block := text.read(1 << 24):
                    whole.write(block)
            rows += part_rows
    return path, rows
