-- One row per ticket: every metric of SPEC section 5, the follow-up gap flags with the minutes
-- behind them, the ticket labels and the ticket's word-of-mouth reach. The topics are computed
-- in the intermediate models; this one joins them and derives the flags.
with tickets as (
    select * from {{ ref('stg_tickets') }}
),

ticket_labels as (
    select * from {{ ref('stg_ticket_labels') }}
),

ticket_clock as (
    select * from {{ ref('ticket_clock') }}
),

clock_intervals as (
    select * from {{ ref('clock_intervals') }}
),

business_clock as (
    select * from {{ ref('business_clock') }}
),

reply_times as (
    select * from {{ ref('ticket_reply_times') }}
),

resolution_times as (
    select * from {{ ref('ticket_resolution_times') }}
),

resolution_business_minutes as (
    select * from {{ ref('resolution_business_minutes') }}
),

time_in_status as (
    select * from {{ ref('ticket_time_in_status') }}
),

ticket_sla as (
    select * from {{ ref('ticket_sla') }}
),

agent_activity as (
    select * from {{ ref('ticket_agent_activity') }}
),

broken_promises as (
    select * from {{ ref('ticket_broken_promises') }}
),

targets as (
    select * from {{ ref('ticket_targets') }}
),

metric_parameters as (
    select * from {{ ref('metric_parameters') }}
),

dissatisfaction_features as (
    select * from {{ ref('dissatisfaction_features') }}
),

dissatisfaction_chance as (
    select * from {{ ref('dissatisfaction_chance') }}
),

agent_people as (
    select * from {{ ref('agent_people') }}
),

assignments as (
    select * from {{ ref('ticket_assignments') }}
),

joined as (
    select
        tickets.ticket_id,
        tickets.source,
        tickets.channel,
        coalesce(tickets.priority, 'unknown') as priority,
        tickets.team,
        tickets.assignee_id,
        agent_people.person_id as assignee_person_id,
        agent_people.agent_name as assignee_name,
        assignments.first_assignee_id,
        assignments.last_assignee_id,
        assignments.assignee_stations,
        assignments.group_stations,
        assignments.unassigned_minutes,
        tickets.requester_id,
        tickets.status,
        tickets.csat,
        tickets.created_at,
        date_trunc('week', tickets.created_at)::date as week_start,
        ticket_clock.agent_created,
        ticket_clock.clock_start_at,
        ticket_clock.first_customer_at,
        ticket_clock.first_update_at,
        date_diff('second', ticket_clock.clock_start_at, ticket_clock.first_update_at) / 60.0
            as time_to_first_update_minutes,
        case when ticket_clock.first_update_at is not null then business_clock.clock_business_minutes end
            as time_to_first_update_business_minutes,
        case
            when metric_parameters.target_clock = 'business' then business_clock.clock_business_minutes
            else date_diff('second', clock_intervals.clock_start_at, clock_intervals.clock_end_at) / 60.0
        end as first_update_clock_minutes,
        coalesce(reply_times.customer_turns, 0) as customer_turns,
        reply_times.reply_time_total_minutes,
        reply_times.reply_time_median_minutes,
        reply_times.reply_time_max_minutes,
        reply_times.longest_customer_wait_minutes,
        reply_times.longest_customer_wait_business_minutes,
        reply_times.longest_update_wait_minutes,
        coalesce(reply_times.ends_unanswered, false) as ends_unanswered,
        reply_times.left_hanging_minutes,
        reply_times.unanswered_target_minutes,
        resolution_times.first_solved_at,
        resolution_times.last_solved_at,
        resolution_business_minutes.first_resolution_business_minutes,
        resolution_business_minutes.full_resolution_business_minutes,
        resolution_times.reopens,
        coalesce(agent_activity.public_agent_messages, 0) as public_agent_messages,
        coalesce(agent_activity.handoffs, 0) as handoffs,
        coalesce(agent_activity.internal_notes, 0) as internal_notes,
        agent_activity.last_agent_at,
        time_in_status.requester_wait_minutes,
        time_in_status.requester_wait_business_minutes,
        time_in_status.agent_wait_minutes,
        time_in_status.agent_wait_business_minutes,
        time_in_status.on_hold_minutes,
        time_in_status.on_hold_business_minutes,
        time_in_status.agent_work_minutes,
        time_in_status.agent_work_business_minutes,
        time_in_status.solve_time_minutes,
        time_in_status.solve_time_business_minutes,
        targets.target_priority,
        targets.first_update_target_minutes,
        targets.update_gap_target_minutes,
        targets.requester_wait_target_minutes,
        columns(ticket_sla.* exclude (ticket_id)),  -- noqa: RF02
        coalesce(broken_promises.broken_promise, false) as broken_promise,
        broken_promises.broken_promise_minutes,
        broken_promises.broken_promise_phrase,
        broken_promises.promise_deadline,
        ticket_labels.resolution,
        ticket_labels.root_cause,
        coalesce(ticket_labels.complaint, false) as complaint,
        ticket_labels.start_sentiment,
        ticket_labels.end_sentiment,
        ticket_labels.start_label,
        ticket_labels.end_label,
        coalesce(ticket_labels.de_escalated, false) as de_escalated,
        coalesce(ticket_labels.worsened, false) as worsened,
        dissatisfaction_features.is_open,
        dissatisfaction_features.rule_dissatisfied,
        dissatisfaction_chance.dissatisfaction_chance,
        metric_parameters.tell_share,
        metric_parameters.audience
    from tickets
    left join ticket_clock on tickets.ticket_id = ticket_clock.ticket_id
    left join clock_intervals on tickets.ticket_id = clock_intervals.ticket_id
    left join business_clock on tickets.ticket_id = business_clock.ticket_id
    left join reply_times on tickets.ticket_id = reply_times.ticket_id
    left join resolution_times on tickets.ticket_id = resolution_times.ticket_id
    left join resolution_business_minutes on tickets.ticket_id = resolution_business_minutes.ticket_id
    left join time_in_status on tickets.ticket_id = time_in_status.ticket_id
    left join ticket_sla on tickets.ticket_id = ticket_sla.ticket_id
    left join agent_activity on tickets.ticket_id = agent_activity.ticket_id
    left join broken_promises on tickets.ticket_id = broken_promises.ticket_id
    left join targets on tickets.ticket_id = targets.ticket_id
    left join ticket_labels on tickets.ticket_id = ticket_labels.ticket_id
    left join dissatisfaction_features on tickets.ticket_id = dissatisfaction_features.ticket_id
    left join dissatisfaction_chance on tickets.ticket_id = dissatisfaction_chance.ticket_id
    left join agent_people on tickets.assignee_id = agent_people.agent_id
    left join assignments on tickets.ticket_id = assignments.ticket_id
    cross join metric_parameters
),

flagged as (
    select
        *,
        -- An open ticket whose customer wrote a moment ago is awaiting a reply, not left hanging:
        -- it counts once the conversation has ended or the wait has passed the update-gap target.
        ends_unanswered and (not is_open or unanswered_target_minutes > update_gap_target_minutes) as is_left_hanging
    from joined
),

final as (
    select
        ticket_id,
        source,
        channel,
        priority,
        team,
        assignee_id,
        assignee_person_id,
        assignee_name,
        first_assignee_id,
        last_assignee_id,
        assignee_stations,
        group_stations,
        unassigned_minutes,
        requester_id,
        status,
        csat,
        created_at,
        week_start,
        is_open,
        coalesce(agent_created, false) as agent_created,
        clock_start_at,
        first_update_at,
        time_to_first_update_minutes,
        time_to_first_update_business_minutes,
        customer_turns,
        reply_time_total_minutes,
        reply_time_median_minutes,
        reply_time_max_minutes,
        longest_customer_wait_minutes,
        longest_customer_wait_business_minutes,
        first_solved_at,
        last_solved_at,
        date_diff('second', created_at, first_solved_at) / 60.0 as minutes_to_first_resolution,
        date_diff('second', created_at, last_solved_at) / 60.0 as minutes_to_last_resolution,
        first_resolution_business_minutes,
        full_resolution_business_minutes,
        reopens,
        public_agent_messages,
        resolution = 'resolved' and public_agent_messages = 1 as one_touch,
        resolution = 'resolved' and public_agent_messages = 2 as two_touch,
        resolution = 'resolved' and public_agent_messages > 2 as multi_touch,
        handoffs,
        internal_notes,
        requester_wait_minutes,
        requester_wait_business_minutes,
        agent_wait_minutes,
        agent_wait_business_minutes,
        on_hold_minutes,
        on_hold_business_minutes,
        agent_work_minutes,
        agent_work_business_minutes,
        solve_time_minutes,
        solve_time_business_minutes,
        target_priority,
        first_update_target_minutes,
        update_gap_target_minutes,
        requester_wait_target_minutes,
        first_reply_sla_elapsed_minutes,
        first_reply_sla_breached,
        first_reply_sla_breach_at,
        first_reply_sla_running and is_open as first_reply_sla_running,
        next_reply_sla_elapsed_minutes,
        next_reply_sla_breached,
        next_reply_sla_breaches,
        next_reply_sla_breach_at,
        next_reply_sla_running and is_open as next_reply_sla_running,
        requester_wait_sla_elapsed_minutes,
        requester_wait_sla_breached,
        requester_wait_sla_breach_at,
        requester_wait_sla_running and is_open as requester_wait_sla_running,
        -- A ticket without a public customer message has nobody waiting for a first update.
        coalesce(first_customer_at is not null and first_update_clock_minutes > first_update_target_minutes, false)
            as slow_first_update,
        first_update_clock_minutes as slow_first_update_minutes,
        coalesce(longest_update_wait_minutes > update_gap_target_minutes, false) as update_gap,
        case when longest_update_wait_minutes > update_gap_target_minutes then longest_update_wait_minutes end
            as update_gap_minutes,
        broken_promise,
        broken_promise_minutes,
        broken_promise_phrase,
        promise_deadline,
        is_left_hanging as left_hanging,
        case when is_left_hanging then left_hanging_minutes end as left_hanging_minutes,
        complaint
        and resolution = 'resolved'
        and (last_agent_at is null or last_agent_at <= last_solved_at) as no_check_back,
        resolution,
        root_cause,
        complaint,
        start_sentiment,
        end_sentiment,
        start_label,
        end_label,
        de_escalated,
        worsened,
        rule_dissatisfied as dissatisfied,
        dissatisfaction_chance,
        -- Closed tickets: what happened. An open complaint can still end either way: its chance.
        case
            when is_open and complaint then coalesce(dissatisfaction_chance, rule_dissatisfied::integer)
            else rule_dissatisfied::integer
        end * tell_share * audience as avoidable_reach
    from flagged
)

select * from final
