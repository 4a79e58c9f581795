SELECT ticket_id, turn, turn_started_at, wait_ended_at
FROM intermediate.customer_turns
