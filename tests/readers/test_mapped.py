"""A CSV from a tool we do not know, read through a YAML mapping: the Kaggle ticket table."""

import pytest

from heatcheck.errors import UserFileError
from heatcheck.readers import mapped
from heatcheck.readers.batch import read_batch
from heatcheck.readers.detect import detect
from tests.conftest import shared

MAPPING = """
source: kaggle
columns:
  ticket_id: Ticket ID
  created_at: First Response Time
  body: Ticket Description
  subject: Ticket Subject
  status: Ticket Status
  priority: Ticket Priority
  channel: Ticket Channel
defaults:
  author_role: customer
values:
  status: {Pending Customer Response: pending}
"""


@pytest.fixture
def kaggle_csv(tmp_path):
    csv = tmp_path / "tickets_export.csv"
    csv.symlink_to(shared("customer_support_tickets_kaggle/customer_support_tickets.csv"))
    return csv


def test_a_mapping_beside_the_csv_makes_it_readable(kaggle_csv):
    kaggle_csv.with_name("tickets_export.mapping.yaml").write_text(MAPPING)
    detected = detect(kaggle_csv)
    assert detected.format == "mapped"
    result = mapped.read([detected])
    # Open tickets have no First Response Time in this file: the mapping makes it created_at,
    # so exactly those rows are quarantined, and every row is accounted for.
    assert result.messages.height == 5650
    assert set(result.quarantine["reason"].unique()) == {"missing created_at"}
    assert result.messages.height + result.quarantine.height == 8469
    assert set(result.tickets["status"].unique()) == {"pending", "closed"}
    assert result.tickets["source"].unique().to_list() == ["kaggle"]


def test_the_accounting_balances_for_a_mapped_file(kaggle_csv):
    kaggle_csv.with_name("tickets_export.mapping.yaml").write_text(MAPPING)
    (outcome,) = read_batch([kaggle_csv], "UTC", {}).files
    assert outcome.rows_read == outcome.loaded + outcome.quarantined == 8469


def test_a_mapping_naming_a_missing_column_says_which(kaggle_csv):
    kaggle_csv.with_name("tickets_export.mapping.yaml").write_text(MAPPING.replace("Ticket Subject", "Subject Line"))
    with pytest.raises(UserFileError, match="has no column Subject Line"):
        mapped.read([detect(kaggle_csv)])


def test_a_mapping_to_an_unknown_field_names_the_key(kaggle_csv):
    kaggle_csv.with_name("tickets_export.mapping.yaml").write_text(
        MAPPING + "  mood: Customer Age\n".replace("  mood", "\ncolumns_extra:\n  mood")
    )
    with pytest.raises(UserFileError, match="columns_extra"):
        mapped.read([detect(kaggle_csv)])
