"""body_clean: the message text as the customer meant it, for labels and reports.

Mojibake (text decoded with the wrong encoding, "donâ€™t") is repaired with ftfy, which does this
far better than hand-written replacements. Quoted history and e-mail signatures are cut where they
are recognisable, so a reply is not labelled with the words of the message it quotes.
"""

from __future__ import annotations

import re

import ftfy
import polars as pl

# "On Tue, 3 Jan 2024 at 10:00, Support <help@x.com> wrote:" and the lines after it.
_QUOTE_HEADER = re.compile(r"^\s*(On .{5,200}wrote:|-{2,} ?Original Message ?-{2,}|From: .+)\s*$", re.M | re.I)
_QUOTED_LINE = re.compile(r"^\s*>.*$\n?", re.M)
# The conventional signature delimiter "-- " on its own line, and phone-app footers.
_SIGNATURE = re.compile(r"^(-- ?|Sent from my \w+.*)$", re.M)


def clean_body(body: str | None) -> str | None:
    """Repair mojibake and strip quoted history and signatures from one message body."""
    if body is None:
        return None
    text = body if body.isascii() else ftfy.fix_text(body)
    for pattern in (_QUOTE_HEADER, _SIGNATURE):
        match = pattern.search(text)
        if match and match.start() > 0:
            text = text[: match.start()]
    text = _QUOTED_LINE.sub("", text)
    return text.strip()


# A text with none of these can hold no mojibake, quoted history or signature: it only needs its
# ends trimmed, which Polars does without a Python call per text.
_MAY_NEED_CLEANING = r"(?im)[^\x00-\x7f]|wrote:|original message|^\s*(?:>|from: |-- ?$|sent from my )"


def trimmed(texts: pl.Series) -> pl.Series:
    """The texts with their ends trimmed: the very same series when none needs it, as in most
    exports, since trimming a million bodies copies every one of them."""
    if texts.str.contains(r"^\s|\s$").any():
        return texts.str.strip_chars()
    return texts


def with_body_clean(messages: pl.DataFrame) -> pl.DataFrame:
    """Add body_clean; only a text that can need it goes through clean_body, once however often it
    recurs, and every other text is trimmed by Polars.

    The cleaned texts are few, so they are looked up rather than joined: a join of the whole
    frame on its bodies would copy every body once more, the largest column of an export.
    """
    trimmed_bodies = trimmed(messages["body"])
    needs = messages["body"].str.contains(_MAY_NEED_CLEANING).fill_null(False)
    if not needs.any():
        return messages.with_columns(body_clean=trimmed_bodies)
    texts = messages.filter(needs).select(pl.col("body").unique()).to_series()
    cleaned = texts.map_elements(clean_body, return_dtype=pl.String, skip_nulls=True)
    return messages.with_columns(
        body_clean=pl.when(needs)
        .then(pl.col("body").replace_strict(texts, cleaned, default=None, return_dtype=pl.String))
        .otherwise(trimmed_bodies)
    )
