"""Redact what identifies a customer or their money before text reaches a report.

The rules (what an e-mail address, a card number and a phone number look like, and why) are the
library's, in heatcheck/redaction.py, so the reports hide exactly what the analyst snapshot and
the exports hide. This applies them to one text in Python.
"""

from __future__ import annotations

import re

from heatcheck.redaction import CARD_GROUPED, CARD_RUN, EMAIL, PHONE_CANDIDATE, is_phone, passes_luhn


def _redact_card_run(match: re.Match[str]) -> str:
    """A bare run of 13 to 19 digits is a card only if it passes the check digit: it may be a
    tracking number."""
    return "[card]" if passes_luhn(match[0]) else match[0]


def _redact_phone(match: re.Match[str]) -> str:
    before, candidate = match[1], match[2]
    return before + ("[phone]" if is_phone(candidate) else candidate)


def redact(text: str) -> str:
    """The text with e-mail addresses, card numbers and phone numbers replaced by placeholders.

    Cards go before phones so a card number is named as a card; e-mails go first so the digits
    of an address are not read as a phone number. Digits grouped like a card are a card even
    with a typo in them.
    """
    text = EMAIL.sub("[email]", text)
    text = CARD_GROUPED.sub("[card]", text)
    text = CARD_RUN.sub(_redact_card_run, text)
    return PHONE_CANDIDATE.sub(_redact_phone, text)
