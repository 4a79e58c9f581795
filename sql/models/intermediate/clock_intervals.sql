-- Stretches the business clock must measure for each ticket: to the first update, or, when none
-- came, to the first solve or the data's end (how long the customer has waited so far). The
-- calendar clock of the first-update target measures the same stretch.
with ticket_clock as (
    select * from {{ ref('ticket_clock') }}
),

ticket_solves as (
    select * from {{ ref('ticket_solves') }}
),

first_solves as (
    select
        ticket_id,
        min(solved_at) as first_solved_at
    from ticket_solves
    group by ticket_id
),

data_horizon as (
    select * from {{ ref('data_horizon') }}
),

final as (
    select
        ticket_clock.ticket_id,
        ticket_clock.clock_start_at,
        coalesce(ticket_clock.first_update_at, first_solves.first_solved_at, data_horizon.data_end) as clock_end_at,
        ticket_clock.first_update_at is null and first_solves.first_solved_at is null as still_running
    from ticket_clock
    left join first_solves on ticket_clock.ticket_id = first_solves.ticket_id
    cross join data_horizon
    where ticket_clock.clock_start_at is not null
)

select * from final
