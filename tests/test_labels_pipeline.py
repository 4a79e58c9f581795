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


def test_labels_made_in_small_slices_are_the_labels_of_one_pass(twitter_home, tmp_path, monkeypatch):
    """A long history is scored, labelled and summed up per ticket a slice at a time; the slices
    must neither drop nor repeat a text, a message or a ticket."""
    import assets.labels
    from heatcheck.home import Home

    tables = {
        "labels.text_sentiment": "SELECT * FROM labels.text_sentiment ORDER BY text_hash",
        "labels.message_labels": "SELECT * FROM labels.message_labels ORDER BY ALL",
        "labels.labelled_messages": "SELECT * FROM labels.labelled_messages ORDER BY ALL",
        "ticket_labels": "SELECT * EXCLUDE (fingerprint, playbook_version) FROM ticket_labels ORDER BY ticket_id",
    }
    whole = {name: snapshot_rows(twitter_home, query) for name, query in tables.items()}
    monkeypatch.setattr(assets.labels, "SCORE_SLICE", 300)  # about 1,900 distinct texts: seven slices
    monkeypatch.setattr(assets.labels, "LABEL_SLICE", 250)
    monkeypatch.setattr(assets.labels, "TICKET_CHUNK", 100)  # 911 tickets: ten batches
    sliced = Home.at(tmp_path / "sliced")
    run_pipeline(sliced, [TWCS_HEAD])
    for name, query in tables.items():
        assert snapshot_rows(sliced, query) == whole[name], name
    assert len(whole["ticket_labels"]) == 911
    assert len(whole["labels.text_sentiment"]) > 2 * 300
    assert len(whole["labels.labelled_messages"]) > 2 * 250
