-- Messages whose text the labeler has not read under this playbook: new, edited, or relabelled.
-- Labels read the first $label_characters characters of a body, as sentiment does.
SELECT m.message_id, m.author_role, m.is_public, left(coalesce(m.body_clean, ''), $label_characters) AS body_clean,
       md5(coalesce(m.body_clean, '')) AS text_hash, t.channel
FROM staging.messages AS m
LEFT JOIN staging.tickets AS t USING (ticket_id)
ANTI JOIN labels.labelled_messages AS done
    ON done.message_id = m.message_id
    AND done.text_hash = md5(coalesce(m.body_clean, ''))
    AND done.playbook_version = $playbook_version
-- Only the run's weeks: a message is in its ticket's week (its own when the ticket is unknown).
WHERE coalesce(t.created_at, m.created_at) >= coalesce($window_start, '-infinity'::TIMESTAMP)
  AND coalesce(t.created_at, m.created_at) < coalesce($window_end, 'infinity'::TIMESTAMP)
