"""Redaction: e-mail addresses, phone numbers and card numbers never reach a report; the numbers
a coach needs to follow a conversation (orders, dates, times, amounts) do."""

import pytest

from reports.redact import redact


@pytest.mark.parametrize(
    ("text", "placeholder", "hidden"),
    [
        ("write to jane.doe+billing@mail.example.co.uk please", "[email]", "jane.doe"),
        ("J.SMITH@EXAMPLE.COM", "[email]", "SMITH"),
        ("card 4111 1111 1111 1111 expires 04/28", "[card]", "4111"),
        ("4111-1111-1111-1111", "[card]", "1111"),
        ("amex 378282246310005 on file", "[card]", "378282"),
        ("amex 3782 822463 10005", "[card]", "822463"),
        ("my card #4111111111111111", "[card]", "4111"),
        ("typo'd card 1234 5678 9012 3456", "[card]", "9012"),
        ("call me on +1 (555) 123-4567.", "[phone]", "123-4567"),
        ("555-123-4567", "[phone]", "4567"),
        ("(555) 123 4567", "[phone]", "4567"),
        ("555.123.4567 after 6", "[phone]", "4567"),
        ("5551234567", "[phone]", "5551234567"),
        ("1-555-123-4567", "[phone]", "4567"),
        ("+44 20 7946 0958", "[phone]", "7946"),
        ("UK office 020 7946 0958", "[phone]", "7946"),
        ("+91 98765 43210", "[phone]", "98765"),
        ("0049 30 1234567", "[phone]", "1234567"),
    ],
)
def test_personal_data_is_replaced_by_a_placeholder(text: str, placeholder: str, hidden: str) -> None:
    redacted = redact(text)
    assert placeholder in redacted
    assert hidden not in redacted


@pytest.mark.parametrize(
    "text",
    [
        "order #12345 arrived broken",
        "order #1234567890 is late",
        "ticket 48213",
        "booked for 2026-11-23 14:05",
        "on 11-23-2026 at 10:30",
        "between 9:00 and 17:30",
        "refund of $1,299.99 sent",
        "tracking number 123456789012 (12 digits)",
        "parcel 1234567890123456 fails the card check digit",
        "firmware 2.14.3 on hub 10.0.0.1",
        "3 hours, 45 minutes",
        "an invoice for 20 units",
    ],
)
def test_order_numbers_dates_times_and_amounts_are_kept(text: str) -> None:
    assert redact(text) == text


def test_everything_around_a_redaction_is_kept() -> None:
    text = "Order #5521: email a@b.io or call 555-123-4567, card 4111 1111 1111 1111 thanks"
    assert redact(text) == "Order #5521: email [email] or call [phone], card [card] thanks"


def test_a_card_next_to_another_number_is_still_redacted() -> None:
    assert redact("4111 1111 1111 1111 555") == "[card] 555"


def test_redacting_twice_changes_nothing_more() -> None:
    once = redact("mail x@y.org, phone +1 555 123 4567, card 5500-0000-0000-0004")
    assert redact(once) == once
    assert once == "mail [email], phone [phone], card [card]"
