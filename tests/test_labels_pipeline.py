"""Labels through the real pipeline: queryable in the snapshot, driven by the editable playbook."""

import subprocess
import sys
from pathlib import Path

from heatcheck.labeling.playbook import DEFAULT_PATH as DEFAULT_PLAYBOOK_PATH
from tests.conftest import TWCS_HEAD, run_pipeline, snapshot_rows

HEATCHECK = str(Path(sys.executable).with_name("heatcheck"))


def test_every_twitter_message_and_ticket_is_labelled_in_the_snapshot(twitter_home):
    assert snapshot_rows(twitter_home, "SELECT count(*) FROM message_sentiment") == [(3499,)]
    assert snapshot_rows(twitter_home, "SELECT count(*) FROM ticket_labels") == [(911,)]
    kinds = dict(snapshot_rows(twitter_home, "SELECT kind, count(*) FROM message_labels GROUP BY kind"))
    assert kinds["practice"] > 500 and kinds["signal"] > 300


def test_every_stored_label_carries_its_evidence(twitter_home):
    assert snapshot_rows(
        twitter_home,
        "SELECT count(*) FROM message_labels WHERE phrase IS NULL OR phrase = '' OR rule IS NULL OR rule = ''",
    ) == [(0,)]
    assert snapshot_rows(
        twitter_home,
        "SELECT count(*) FROM ticket_labels WHERE resolution_evidence IS NULL OR complaint_evidence IS NULL",
    ) == [(0,)]
    # Where the product's score differs from plain VADER, the evidence says why.
    assert snapshot_rows(
        twitter_home, "SELECT count(*) FROM message_sentiment WHERE compound <> vader_compound AND len(evidence) = 0"
    ) == [(0,)]


def test_the_demo_is_labelled_in_the_snapshot(demo_home):
    labels = dict(snapshot_rows(demo_home, "SELECT label, count(*) FROM message_labels GROUP BY label"))
    for expected in ("apologize", "blame", "doublespeak", "follow_up_promise", "anger", "sarcasm", "gratitude"):
        assert labels.get(expected, 0) > 0, expected
    assert snapshot_rows(demo_home, "SELECT count(*) = (SELECT count(*) FROM tickets) FROM ticket_labels") == [(True,)]


def test_adding_a_phrase_to_the_playbook_changes_the_labels_on_the_next_run(tmp_path):
    from heatcheck.home import Home

    home = Home.at(tmp_path / "home")
    run_pipeline(home, [TWCS_HEAD])
    phrase = "private secured link"  # tweet 1: "...get you into a private secured link..."
    before = snapshot_rows(
        home, "SELECT count(*) FROM message_labels WHERE label = 'redirect_channel' AND lower(phrase) = ?", [phrase]
    )
    assert before == [(0,)]
    playbook = DEFAULT_PLAYBOOK_PATH.read_text(encoding="utf-8")
    patterns = playbook.index("    patterns:\n", playbook.index("  redirect_channel:\n")) + len("    patterns:\n")
    home.playbook_file.write_text(playbook[:patterns] + f"      - {phrase}\n" + playbook[patterns:], encoding="utf-8")
    run_pipeline(home)
    after = snapshot_rows(
        home, "SELECT count(*) FROM message_labels WHERE label = 'redirect_channel' AND lower(phrase) = ?", [phrase]
    )
    assert after[0][0] >= 1


def test_a_malformed_playbook_fails_the_run_naming_the_file_and_key(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "playbook.yaml").write_text(
        DEFAULT_PLAYBOOK_PATH.read_text(encoding="utf-8").replace(
            "  apologize:\n", "  apologize:\n    patterns_typo: [sorry]\n", 1
        ),
        encoding="utf-8",
    )
    result = subprocess.run(
        [HEATCHECK, "--home", str(home), "ingest", str(TWCS_HEAD)], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 1
    last_line = result.stderr.strip().splitlines()[-1]
    assert str(home / "playbook.yaml") in last_line and "practices.apologize" in last_line
    assert "Traceback" not in result.stderr


def test_tickets_labelled_in_small_batches_get_the_labels_of_one_batch(twitter_home, tmp_path, monkeypatch):
    import assets.labels
    from heatcheck.home import Home

    columns = "* EXCLUDE (fingerprint, playbook_version)"
    whole = snapshot_rows(twitter_home, f"SELECT {columns} FROM ticket_labels ORDER BY ticket_id")
    monkeypatch.setattr(assets.labels, "TICKET_CHUNK", 100)  # 911 tickets: ten batches
    batched = Home.at(tmp_path / "batched")
    run_pipeline(batched, [TWCS_HEAD])
    assert snapshot_rows(batched, f"SELECT {columns} FROM ticket_labels ORDER BY ticket_id") == whole
    assert len(whole) == 911
