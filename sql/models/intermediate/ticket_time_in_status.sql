-- Per ticket with a status history, time in status as dbt_zendesk defines it, in calendar and
-- business minutes: requester wait (new, open, hold), agent wait (pending), on hold (hold),
-- agent work (new, open) and solve time (new, open, hold, pending). Time after a solve counts
-- in none of them; an open ticket's current status counts up to the data's end.
with status_periods as (
    select * from {{ ref('status_period_business_minutes') }}
),

classified as (
    select
        *,
        status in ('new', 'open', 'hold') as is_requester_wait,
        status = 'pending' as is_agent_wait,
        status = 'hold' as is_on_hold,
        status in ('new', 'open') as is_agent_work,
        status in ('new', 'open', 'hold', 'pending') as is_solve_time
    from status_periods
),

final as (
    select
        ticket_id,
        coalesce(sum(minutes) filter (where is_requester_wait), 0) as requester_wait_minutes,
        coalesce(sum(business_minutes) filter (where is_requester_wait), 0) as requester_wait_business_minutes,
        coalesce(sum(minutes) filter (where is_agent_wait), 0) as agent_wait_minutes,
        coalesce(sum(business_minutes) filter (where is_agent_wait), 0) as agent_wait_business_minutes,
        coalesce(sum(minutes) filter (where is_on_hold), 0) as on_hold_minutes,
        coalesce(sum(business_minutes) filter (where is_on_hold), 0) as on_hold_business_minutes,
        coalesce(sum(minutes) filter (where is_agent_work), 0) as agent_work_minutes,
        coalesce(sum(business_minutes) filter (where is_agent_work), 0) as agent_work_business_minutes,
        coalesce(sum(minutes) filter (where is_solve_time), 0) as solve_time_minutes,
        coalesce(sum(business_minutes) filter (where is_solve_time), 0) as solve_time_business_minutes
    from classified
    group by ticket_id
)

select * from final
