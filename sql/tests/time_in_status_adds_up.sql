-- Offending rows: time in status that does not add up - solve time is requester wait plus agent
-- wait (dbt_zendesk's buckets), agent work and on hold are parts of the requester wait, and no
-- stretch has more business minutes than calendar minutes.
with ticket_metrics as (
    select * from {{ ref('ticket_metrics') }}
),

final as (
    select
        ticket_id,
        requester_wait_minutes,
        agent_wait_minutes,
        on_hold_minutes,
        agent_work_minutes,
        solve_time_minutes,
        solve_time_business_minutes
    from ticket_metrics
    where
        abs(solve_time_minutes - requester_wait_minutes - agent_wait_minutes) > 1e-6
        or abs(requester_wait_minutes - agent_work_minutes - on_hold_minutes) > 1e-6
        or solve_time_business_minutes > solve_time_minutes + 1e-6
        or requester_wait_business_minutes > requester_wait_minutes + 1e-6
)

select * from final
