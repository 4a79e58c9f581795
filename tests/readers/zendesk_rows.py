"""Look up one Zendesk ticket or message in a ReadResult, insisting there is exactly one."""

import polars as pl


def one_ticket(result, ticket_id: int) -> dict:
    rows = result.tickets.filter(pl.col("ticket_id") == f"zendesk:{ticket_id}")
    assert rows.height == 1, rows
    return rows.row(0, named=True)


def one_message(result, message_id: int | str) -> dict:
    rows = result.messages.filter(pl.col("message_id") == f"zendesk:{message_id}")
    assert rows.height == 1, rows
    return rows.row(0, named=True)
