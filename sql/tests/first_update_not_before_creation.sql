-- Offending rows: a first update before the ticket's clock started.
with ticket_metrics as (
    select * from {{ ref('ticket_metrics') }}
),

final as (
    select
        ticket_id,
        clock_start_at,
        first_update_at
    from ticket_metrics
    where first_update_at < clock_start_at or time_to_first_update_minutes < 0
)

select * from final
