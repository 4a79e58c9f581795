INSERT INTO labels.labelled_messages BY NAME
SELECT message_id, text_hash, $playbook_version AS playbook_version FROM relabelled_messages
