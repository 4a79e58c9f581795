-- Offending rows: tickets missing from the mart or present more than once.
SELECT t.ticket_id, count(m.ticket_id) AS rows_in_mart
FROM staging.tickets AS t
LEFT JOIN marts.ticket_metrics AS m USING (ticket_id)
GROUP BY t.ticket_id
HAVING count(m.ticket_id) <> 1
