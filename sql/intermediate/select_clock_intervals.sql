-- Stretches the business clock must measure for each ticket: to the first update, or, when none
-- came, to the solve time or the data's end (how long the customer has waited so far).
SELECT
    c.ticket_id,
    c.clock_start_at,
    coalesce(c.first_update_at, s.first_solved_at, h.data_end) AS clock_end_at
FROM intermediate.ticket_clock AS c
LEFT JOIN intermediate.status_history AS s USING (ticket_id)
CROSS JOIN intermediate.data_horizon AS h
WHERE c.clock_start_at IS NOT NULL
