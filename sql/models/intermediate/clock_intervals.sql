-- Stretches the business clock must measure for each ticket: to the first update, or, when none
-- came, to the solve time or the data's end (how long the customer has waited so far).
with ticket_clock as (
    select * from {{ ref('ticket_clock') }}
),

status_history as (
    select * from {{ ref('status_history') }}
),

data_horizon as (
    select * from {{ ref('data_horizon') }}
),

final as (
    select
        ticket_clock.ticket_id,
        ticket_clock.clock_start_at,
        coalesce(ticket_clock.first_update_at, status_history.first_solved_at, data_horizon.data_end) as clock_end_at
    from ticket_clock
    left join status_history on ticket_clock.ticket_id = status_history.ticket_id
    cross join data_horizon
    where ticket_clock.clock_start_at is not null
)

select * from final
