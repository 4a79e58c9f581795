"""Redact what identifies a customer or their money before text reaches a report.

E-mail addresses become [email], payment card numbers [card] and phone numbers [phone]. The rules
lean towards redacting: a false [phone] costs a reader a few digits of context, a missed one puts
a customer's number in a document that is forwarded around. They stop short of order numbers
("#12345"), dates and times, which a coach needs to follow the conversation.
"""

from __future__ import annotations

import re

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")

# 13 to 19 digits written together, in fours ("4111 1111 1111 1111", "4111-1111-1111-111") or
# in the 4-6-5 and 4-6-4 groups of American Express and Diners cards. Only these shapes, so the
# digits of a neighbouring number are not swallowed into a candidate that then fails the check.
CARD_CANDIDATE = re.compile(r"(?<!\w)(?:\d{13,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}|\d{4}([ -])\d{6}\2\d{4,5})(?!\w)")

# A run of digits with the separators phone numbers are written with. Not after a word
# character or "#" (order numbers, ids), and the characters after it must not continue it.
PHONE_CANDIDATE = re.compile(r"(?<![\w#+])(?:\+|\b00)?\(?\d[\d ().-]{5,}\d(?![\w])")
PHONE_GROUPED = re.compile(r"\d[ ().-]+\d")
DATE_LIKE = re.compile(r"^\d{4}[-.]\d{1,2}[-.]\d{1,2}\b|^\d{1,2}[-.]\d{1,2}[-.]\d{2,4}$")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _passes_luhn(digits: str) -> bool:
    """The check digit every payment card number carries (ISO/IEC 7812)."""
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _is_phone(candidate: str) -> bool:
    """Whether a digit run reads as a phone number rather than an amount, id or date.

    International numbers ("+44 20 7946 0958", "0044 ...") carry 8 to 15 digits. Without a
    country prefix we accept 10 or 11 digits (US "555-123-4567", "(555) 123 4567", UK
    "020 7946 0958"); an ungrouped run only at exactly 10 digits, or 11 starting with 1, since
    longer bare runs are usually order or tracking numbers.
    """
    digits = _digits(candidate)
    if DATE_LIKE.match(candidate.strip("()")):
        return False
    if candidate.startswith(("+", "00")):
        return 8 <= len(digits) <= 15
    if PHONE_GROUPED.search(candidate):
        return 10 <= len(digits) <= 11
    return len(digits) == 10 or (len(digits) == 11 and digits.startswith("1"))


def _redact_card(match: re.Match[str]) -> str:
    """Digits grouped like a card are a card even with a typo in them; a bare run of 13 to 19
    digits is one only if it passes the check digit (it may be a tracking number)."""
    written_as_card = not match[0].isdigit()
    return "[card]" if written_as_card or _passes_luhn(_digits(match[0])) else match[0]


def _redact_phone(match: re.Match[str]) -> str:
    return "[phone]" if _is_phone(match[0]) else match[0]


def redact(text: str) -> str:
    """The text with e-mail addresses, card numbers and phone numbers replaced by placeholders.

    Cards go before phones so a card number is named as a card; e-mails go first so the digits
    of an address are not read as a phone number.
    """
    text = EMAIL.sub("[email]", text)
    text = CARD_CANDIDATE.sub(_redact_card, text)
    return PHONE_CANDIDATE.sub(_redact_phone, text)
