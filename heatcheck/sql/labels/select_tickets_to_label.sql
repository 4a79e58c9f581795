-- Tickets whose inputs changed since they were labelled (or never were): a digest of the ticket,
-- its messages and their labels, and its status history. DuckDB computes this for every ticket in
-- one scan; only the changed ones go through the Python labeler. Only the run's weeks: tickets
-- created from $window_start (NULL: the beginning) to before $window_end (NULL: no end).
WITH message_digest AS (
    SELECT m.ticket_id,
           count(*) AS messages,
           max(m.created_at) AS last_message_at,
           sum(hash(m.message_id, m.body_clean, m.author_role, m.is_public, m.created_at)) AS content
    FROM staging.messages AS m
    GROUP BY m.ticket_id
),
status_digest AS (
    SELECT ticket_id, count(*) AS changes, max(changed_at) AS last_change_at
    FROM staging.status_changes
    GROUP BY ticket_id
),
fingerprints AS (
    SELECT t.ticket_id, t.created_at,
           md5(concat_ws('|', t.updated_at, t.status, t.csat, m.messages, m.last_message_at, m.content,
                         s.changes, s.last_change_at)) AS fingerprint
    FROM staging.tickets AS t
    LEFT JOIN message_digest AS m USING (ticket_id)
    LEFT JOIN status_digest AS s USING (ticket_id)
    WHERE t.created_at >= coalesce($window_start, '-infinity'::TIMESTAMP)
      AND t.created_at < coalesce($window_end, 'infinity'::TIMESTAMP)
)
SELECT f.ticket_id, f.fingerprint, f.created_at
FROM fingerprints AS f
LEFT JOIN labels.ticket_labels AS l USING (ticket_id)
WHERE l.fingerprint IS DISTINCT FROM f.fingerprint
   OR l.playbook_version IS DISTINCT FROM $playbook_version
