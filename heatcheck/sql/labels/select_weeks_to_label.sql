-- The earliest and latest week-defining time (a ticket's creation; a message's own time when its
-- ticket is unknown) among what the labels have not caught up with: texts never scored, messages
-- not labelled under $playbook_version, and tickets whose inputs changed. NULLs when nothing is.
WITH message_weeks AS (
    SELECT coalesce(t.created_at, m.created_at) AS week_of, m.message_id, md5(coalesce(m.body_clean, '')) AS text_hash
    FROM staging.messages AS m
    LEFT JOIN staging.tickets AS t USING (ticket_id)
),
unscored AS (
    SELECT w.week_of
    FROM message_weeks AS w
    ANTI JOIN labels.text_sentiment AS s ON s.text_hash = w.text_hash AND s.playbook_version = $playbook_version
),
unlabelled AS (
    SELECT w.week_of
    FROM message_weeks AS w
    ANTI JOIN labels.labelled_messages AS done
        ON done.message_id = w.message_id
        AND done.text_hash = w.text_hash
        AND done.playbook_version = $playbook_version
),
changed_tickets AS (
    SELECT created_at AS week_of FROM ({tickets_to_label})
),
stale AS (
    SELECT week_of FROM unscored
    UNION ALL
    SELECT week_of FROM unlabelled
    UNION ALL
    SELECT week_of FROM changed_tickets
)
SELECT min(week_of) AS first_at, max(week_of) AS last_at FROM stale
