-- A new playbook means new scores: drop those made with any other version.
DELETE FROM labels.text_sentiment WHERE playbook_version <> $playbook_version
