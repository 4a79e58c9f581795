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

business_clock as (
    select * from {{ ref('business_clock') }}
),

reply_times as (
    select * from {{ ref('ticket_reply_times') }}
),

status_history as (
    select * from {{ ref('status_history') }}
),

agent_activity as (
    select * from {{ ref('ticket_agent_activity') }}
),

words_solved as (
    select * from {{ ref('ticket_words_solved') }}
),

broken_promises as (
    select * from {{ ref('ticket_broken_promises') }}
),

targets as (
    select * from {{ ref('ticket_targets') }}
),

data_horizon as (
    select * from {{ ref('data_horizon') }}
),

metric_parameters as (
    select * from {{ ref('metric_parameters') }}
),

joined as (
    select
        tickets.ticket_id,
        tickets.source,
        tickets.channel,
        coalesce(tickets.priority, 'unknown') as priority,
        tickets.team,
        tickets.assignee_id,
        tickets.requester_id,
        tickets.status,
        tickets.csat,
        tickets.created_at,
        date_trunc('week', tickets.created_at)::date as week_start,
        ticket_clock.agent_created,
        ticket_clock.clock_start_at,
        ticket_clock.first_update_at,
        date_diff('second', ticket_clock.clock_start_at, ticket_clock.first_update_at) / 60.0
            as time_to_first_update_minutes,
        case when ticket_clock.first_update_at is not null then business_clock.clock_business_minutes end
            as time_to_first_update_business_minutes,
        case
            when metric_parameters.target_clock = 'business' then business_clock.clock_business_minutes
            else date_diff(
                'second', ticket_clock.clock_start_at, coalesce(ticket_clock.first_update_at, data_horizon.data_end)
            ) / 60.0
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
        coalesce(
            status_history.first_solved_at,
            case when ticket_labels.resolution = 'resolved' then words_solved.solved_at end
        ) as first_solved_at,
        coalesce(
            status_history.last_solved_at,
            case when ticket_labels.resolution = 'resolved' then words_solved.solved_at end
        ) as last_solved_at,
        coalesce(status_history.reopens, 0) as reopens,
        coalesce(agent_activity.public_agent_messages, 0) as public_agent_messages,
        coalesce(agent_activity.handoffs, 0) as handoffs,
        agent_activity.last_agent_at,
        targets.first_update_target_minutes,
        targets.update_gap_target_minutes,
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
        metric_parameters.tell_share,
        metric_parameters.audience
    from tickets
    left join ticket_clock on tickets.ticket_id = ticket_clock.ticket_id
    left join business_clock on tickets.ticket_id = business_clock.ticket_id
    left join reply_times on tickets.ticket_id = reply_times.ticket_id
    left join status_history on tickets.ticket_id = status_history.ticket_id
    left join agent_activity on tickets.ticket_id = agent_activity.ticket_id
    left join words_solved on tickets.ticket_id = words_solved.ticket_id
    left join broken_promises on tickets.ticket_id = broken_promises.ticket_id
    left join targets on tickets.ticket_id = targets.ticket_id
    left join ticket_labels on tickets.ticket_id = ticket_labels.ticket_id
    cross join data_horizon
    cross join metric_parameters
),

flagged as (
    select
        *,
        status not in ('solved', 'closed') and coalesce(resolution, '') <> 'resolved' as is_open,
        -- An open ticket whose customer wrote a moment ago is awaiting a reply, not left hanging:
        -- it counts once the conversation has ended or the wait has passed the update-gap target.
        ends_unanswered and (not is_open or unanswered_target_minutes > update_gap_target_minutes) as is_left_hanging,
        complaint and case
            when csat = 'bad' then true
            when csat = 'good' then false
            else coalesce(resolution, 'unknown') <> 'resolved' or coalesce(end_label, '') = 'negative'
        end as is_dissatisfied
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
        reopens,
        public_agent_messages,
        resolution = 'resolved' and public_agent_messages = 1 as one_touch,
        resolution = 'resolved' and public_agent_messages = 2 as two_touch,
        handoffs,
        first_update_target_minutes,
        update_gap_target_minutes,
        coalesce(first_update_clock_minutes > first_update_target_minutes, false) as slow_first_update,
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
        is_dissatisfied as dissatisfied,
        case when is_dissatisfied then tell_share * audience else 0 end as avoidable_reach
    from flagged
)

select * from final
