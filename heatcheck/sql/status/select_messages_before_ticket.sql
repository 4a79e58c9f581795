-- Messages dated more than a minute before their ticket was created: a clock or zone mix-up in
-- the export (or a ticket logged after the e-mail that opened it). They are kept and counted here,
-- because first-reply and wait times that start at the ticket would read them as negative waits.
SELECT count(*) AS messages, count(DISTINCT m.ticket_id) AS tickets, min(m.source_file) AS example_file
FROM staging.messages AS m
INNER JOIN staging.tickets AS t ON t.ticket_id = m.ticket_id
WHERE m.created_at < t.created_at - INTERVAL 1 MINUTE
