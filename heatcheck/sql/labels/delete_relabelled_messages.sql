DELETE FROM labels.message_labels WHERE message_id IN (SELECT message_id FROM relabelled_messages)
