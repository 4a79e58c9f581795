CREATE OR REPLACE TABLE intermediate.turn_business_minutes AS
SELECT ticket_id, turn, wait_business_minutes FROM measured_turns
