-- Distinct texts with no score under this playbook yet: the only texts a run has to score.
-- A text is scored on its first $label_characters characters (scoring time grows with length, and
-- a pasted log must not hold the writer lock for minutes); `characters` says when it was cut.
SELECT DISTINCT md5(coalesce(m.body_clean, '')) AS text_hash,
       left(coalesce(m.body_clean, ''), $label_characters) AS text,
       length(coalesce(m.body_clean, '')) AS characters
FROM staging.messages AS m
LEFT JOIN staging.tickets AS t USING (ticket_id)
ANTI JOIN labels.text_sentiment AS s ON s.text_hash = md5(coalesce(m.body_clean, ''))
-- Only the run's weeks: a message is in its ticket's week (its own when the ticket is unknown).
WHERE coalesce(t.created_at, m.created_at) >= coalesce($window_start, '-infinity'::TIMESTAMP)
  AND coalesce(t.created_at, m.created_at) < coalesce($window_end, 'infinity'::TIMESTAMP)
