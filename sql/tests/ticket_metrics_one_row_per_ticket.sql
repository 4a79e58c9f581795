{{ config(meta={'dagster': {'ref': {'name': 'ticket_metrics'}}}) }}
-- Offending rows: tickets missing from the mart or present more than once.
with tickets as (
    select * from {{ ref('stg_tickets') }}
),

ticket_metrics as (
    select * from {{ ref('ticket_metrics') }}
),

final as (
    select
        tickets.ticket_id,
        count(ticket_metrics.ticket_id) as rows_in_mart
    from tickets
    left join ticket_metrics on tickets.ticket_id = ticket_metrics.ticket_id
    group by tickets.ticket_id
    having count(ticket_metrics.ticket_id) <> 1
)

select * from final
