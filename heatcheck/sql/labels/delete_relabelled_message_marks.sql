DELETE FROM labels.labelled_messages WHERE message_id IN (SELECT message_id FROM relabelled_messages)
