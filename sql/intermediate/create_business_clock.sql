CREATE OR REPLACE TABLE intermediate.business_clock AS
SELECT ticket_id, clock_business_minutes FROM measured_clock
