INSERT INTO labels.message_labels BY NAME
SELECT message_id, kind, label, phrase, rule FROM new_message_labels
