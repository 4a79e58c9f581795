-- One row per ISO week (tickets belong to the week they were created in). The counts shared
-- with agent_weekly and team_weekly, and the company-wide practice shares, come from the owner
-- rollup's `everyone` rows, so a week and its teams are counted by one definition; only what the
-- rollup does not hold is aggregated here.
with ticket_metrics as (
    select * from {{ ref('ticket_metrics') }}
),

weekly_by_owner as (
    select * from {{ ref('weekly_by_owner') }}
),

everyone as (
    select * from weekly_by_owner
    where owner_kind = 'everyone'
),

week_only as (
    select
        week_start,
        median(time_to_first_update_minutes) as median_time_to_first_update_minutes,
        quantile_cont(time_to_first_update_business_minutes, 0.9) as p90_time_to_first_update_business_minutes,
        count(*) filter (where first_update_at is null and customer_turns > 0) as unanswered_tickets,
        count(*) filter (where complaint and customer_turns >= 2) as complaints_with_two_customer_messages,
        count(*) filter (where reopens > 0) as reopened_tickets,
        count(*) filter (where csat = 'good') as csat_good,
        count(*) filter (where csat = 'bad') as csat_bad,
        count(*) filter (where is_open) as open_tickets,
        median(first_resolution_business_minutes) as median_first_resolution_business_minutes,
        median(full_resolution_business_minutes) as median_full_resolution_business_minutes,
        median(requester_wait_business_minutes) as median_requester_wait_business_minutes,
        median(agent_wait_business_minutes) as median_agent_wait_business_minutes,
        count(*) filter (where multi_touch) as multi_touch_resolutions,
        sum(internal_notes) as internal_notes,
        -- SLA breach rates: of the tickets each SLA applied to (its flag is not NULL).
        avg(first_reply_sla_breached::integer) as first_reply_sla_breach_rate,
        avg(next_reply_sla_breached::integer) as next_reply_sla_breach_rate,
        avg(requester_wait_sla_breached::integer) as requester_wait_sla_breach_rate,
        count(*) filter (where first_reply_sla_running or next_reply_sla_running or requester_wait_sla_running)
            as sla_running_tickets
    from ticket_metrics
    group by week_start
),

final as (
    select
        week_only.week_start,
        everyone.tickets,
        everyone.complaints,
        everyone.complaints / everyone.tickets as complaint_share,
        week_only.median_time_to_first_update_minutes,
        everyone.median_time_to_first_update_business_minutes,
        week_only.p90_time_to_first_update_business_minutes,
        week_only.unanswered_tickets,
        everyone.slow_first_updates,
        everyone.update_gaps,
        everyone.broken_promises,
        everyone.left_hanging,
        everyone.no_check_back,
        everyone.de_escalated,
        everyone.worsened,
        week_only.complaints_with_two_customer_messages,
        everyone.resolved,
        week_only.reopened_tickets,
        week_only.csat_good,
        week_only.csat_bad,
        week_only.open_tickets,
        week_only.median_first_resolution_business_minutes,
        week_only.median_full_resolution_business_minutes,
        week_only.median_requester_wait_business_minutes,
        week_only.median_agent_wait_business_minutes,
        week_only.multi_touch_resolutions,
        week_only.internal_notes,
        week_only.first_reply_sla_breach_rate,
        week_only.next_reply_sla_breach_rate,
        week_only.requester_wait_sla_breach_rate,
        week_only.sla_running_tickets,
        columns(lambda c: c like '%_share')  -- noqa: RF02
    from week_only
    inner join everyone on week_only.week_start = everyone.week_start
    order by week_only.week_start
)

select * from final
