-- Offending rows: more business minutes than calendar minutes for the same stretch.
SELECT ticket_id, time_to_first_update_minutes, time_to_first_update_business_minutes,
       longest_customer_wait_minutes, longest_customer_wait_business_minutes
FROM marts.ticket_metrics
WHERE time_to_first_update_business_minutes > time_to_first_update_minutes + 1e-6
   OR longest_customer_wait_business_minutes > longest_customer_wait_minutes + 1e-6
