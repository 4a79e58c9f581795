-- Offending rows: a first update before the ticket's clock started.
SELECT ticket_id, clock_start_at, first_update_at
FROM marts.ticket_metrics
WHERE first_update_at < clock_start_at OR time_to_first_update_minutes < 0
