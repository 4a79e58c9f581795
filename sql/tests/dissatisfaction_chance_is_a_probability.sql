-- Offending rows: an estimated chance of a dissatisfied customer outside 0..1.
with ticket_metrics as (
    select * from {{ ref('ticket_metrics') }}
),

final as (
    select
        ticket_id,
        dissatisfaction_chance
    from ticket_metrics
    where dissatisfaction_chance < 0 or dissatisfaction_chance > 1
)

select * from final
