r"""What counts as a contact detail: the one set of rules for the reports (applied in Python by
reports/redact.py) and for the analyst snapshot and exports (applied in DuckDB SQL here).

E-mail addresses become [email], payment card numbers [card] and phone numbers [phone]. The rules
lean towards redacting: a false [phone] costs a reader a few digits of context, a missed one puts
a customer's number in a document that is forwarded around. They stop short of order numbers
("#12345"), dates and times, which a coach or an analyst needs to follow the conversation.

The patterns use only what Python's `re` and DuckDB's RE2 both understand, so the two engines find
the same candidates: RE2 has no look-around and no back-references, so a word boundary `\b` says
"no word character next to it", the phone pattern captures the character before a number instead
of looking behind it, and the card groups are spelt out per separator. Both read them as ASCII
(`\d` is 0-9). A candidate then passes a check (the card check digit, a phone number's digit
count): `passes_luhn` and `is_phone` here, mirrored step by step by the macros in
sql/redaction/create_redaction_macros.sql.
"""

from __future__ import annotations

import re

import duckdb

from heatcheck.warehouse import sql

EMAIL_PATTERN = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"

# Digits grouped like a card, in fours ("4111 1111 1111 1111", "4111-1111-1111-111") or in the
# 4-6-5 and 4-6-4 groups of American Express and Diners cards, one separator throughout. Only
# these shapes, so the digits of a neighbouring number are not swallowed into a candidate.
CARD_GROUPED_PATTERN = (
    r"\b(?:\d{4} \d{4} \d{4} \d{1,7}|\d{4}-\d{4}-\d{4}-\d{1,7}|\d{4} \d{6} \d{4,5}|\d{4}-\d{6}-\d{4,5})\b"
)
# 13 to 19 digits written together: a card only if it passes the check digit.
CARD_RUN_PATTERN = r"\b\d{13,19}\b"

# A run of digits with the separators phone numbers are written with (group 2), and the character
# before it (group 1), which must not be a word character, "#" (order numbers, ids) or "+"; the
# run must not continue into a word character either.
PHONE_CANDIDATE_PATTERN = r"(^|[^\w#+])((?:\+|\b00)?\(?\d[\d ().-]{5,}\d\b)"
PHONE_GROUPED_PATTERN = r"\d[ ().-]+\d"
DATE_LIKE_PATTERN = r"^\d{4}[-.]\d{1,2}[-.]\d{1,2}\b|^\d{1,2}[-.]\d{1,2}[-.]\d{2,4}$"

EMAIL = re.compile(EMAIL_PATTERN, re.ASCII)
CARD_GROUPED = re.compile(CARD_GROUPED_PATTERN, re.ASCII)
CARD_RUN = re.compile(CARD_RUN_PATTERN, re.ASCII)
PHONE_CANDIDATE = re.compile(PHONE_CANDIDATE_PATTERN, re.ASCII)
PHONE_GROUPED = re.compile(PHONE_GROUPED_PATTERN, re.ASCII)
DATE_LIKE = re.compile(DATE_LIKE_PATTERN, re.ASCII)

# Columns that name or join things rather than hold what people wrote: ids, files, records,
# checksums, versions, and the owner (agent or team) of a row. They keep their values, so joins
# still work; ids that are people's ids are what the snapshot's hashing is for.
IDENTIFIER_COLUMN = re.compile(r"(?:^|_)(?:id|file|record|checksum|fingerprint|hash|version|owner)$")


def _digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", text)


def passes_luhn(digits: str) -> bool:
    """The check digit every payment card number carries (ISO/IEC 7812)."""
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def is_phone(candidate: str) -> bool:
    """Whether a digit run reads as a phone number rather than an amount, id or date.

    International numbers ("+44 20 7946 0958", "0044 ...") carry 8 to 15 digits. Without a
    country prefix we accept 10 or 11 digits (US "555-123-4567", "(555) 123 4567", UK
    "020 7946 0958"); an ungrouped run only at exactly 10 digits, or 11 starting with 1, since
    longer bare runs are usually order or tracking numbers.
    """
    digits = _digits(candidate)
    if DATE_LIKE.search(candidate.strip("()")):
        return False
    if candidate.startswith(("+", "00")):
        return 8 <= len(digits) <= 15
    if PHONE_GROUPED.search(candidate):
        return 10 <= len(digits) <= 11
    return len(digits) == 10 or (len(digits) == 11 and digits.startswith("1"))


def prepare_redaction(con: duckdb.DuckDBPyConnection) -> None:
    """Define `redact_contact_details(text)` on this connection, as temporary macros: they are
    gone with the connection and never copied into the snapshot."""
    con.execute(
        sql("redaction/create_redaction_macros"),
        {
            "email": EMAIL_PATTERN,
            "card_grouped": CARD_GROUPED_PATTERN,
            "card_run": CARD_RUN_PATTERN,
            "phone_candidate": PHONE_CANDIDATE_PATTERN,
            "phone_grouped": PHONE_GROUPED_PATTERN,
            "date_like": DATE_LIKE_PATTERN,
        },
    )


def redacted_column(column: str, name: str, data_type: str) -> str | None:
    """The SQL expression that redacts `column` (a reference to a column called `name`, of type
    `data_type`), or None when the column holds no text people wrote. Needs `prepare_redaction`
    on the connection."""
    if IDENTIFIER_COLUMN.search(name.lower()):
        return None
    if data_type == "VARCHAR":
        return f"redact_contact_details({column})"
    if data_type == "VARCHAR[]":
        return f"list_transform({column}, lambda text: redact_contact_details(text))"
    return None


def redacted(con: duckdb.DuckDBPyConnection, relation: duckdb.DuckDBPyRelation) -> duckdb.DuckDBPyRelation:
    """`relation` with contact details redacted in its text columns, the columns as they were."""
    # Columns by position (#1, #2 ...): a join's result may hold two columns of one name.
    columns = [
        (f"#{position}", name, redacted_column(f"#{position}", name, str(kind)))
        for position, (name, kind) in enumerate(zip(relation.columns, relation.types), start=1)
    ]
    if all(expression is None for _, _, expression in columns):
        return relation
    prepare_redaction(con)
    return relation.project(
        ", ".join(f"{expression or column} AS {quoted(name)}" for column, name, expression in columns)
    )


def quoted(identifier: str) -> str:
    """A name as a quoted SQL identifier, whatever characters it holds."""
    return '"' + identifier.replace('"', '""') + '"'
