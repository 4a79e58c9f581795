-- Per ticket: reply times per customer turn, the longest waits, and whether the conversation
-- ends on a customer message nobody answered.
with customer_turns as (
    select * from {{ ref('customer_turns') }}
),

turn_business_minutes as (
    select * from {{ ref('turn_business_minutes') }}
),

ticket_clock as (
    select * from {{ ref('ticket_clock') }}
),

metric_parameters as (
    select * from {{ ref('metric_parameters') }}
),

turns as (
    select
        customer_turns.*,
        turn_business_minutes.wait_business_minutes,
        ticket_clock.first_update_at,
        date_diff('second', customer_turns.turn_started_at, customer_turns.answered_at) / 60.0 as reply_minutes,
        -- The clock the targets are judged on (settings: target_clock).
        case
            when metric_parameters.target_clock = 'business' then turn_business_minutes.wait_business_minutes
            else customer_turns.wait_minutes
        end as target_clock_wait_minutes,
        -- A closing thank-you or "it works now" that nobody answers is not a customer waiting.
        customer_turns.only_thanks or customer_turns.says_resolved as closes_conversation,
        not(customer_turns.is_last_turn and closes_conversation) as is_waiting,
        customer_turns.is_last_turn and customer_turns.answered_at is null and not closes_conversation
            as is_unanswered_end
    from customer_turns
    left join turn_business_minutes
        on
            customer_turns.ticket_id = turn_business_minutes.ticket_id
            and customer_turns.turn = turn_business_minutes.turn
    left join ticket_clock on customer_turns.ticket_id = ticket_clock.ticket_id
    cross join metric_parameters
),

final as (
    select
        ticket_id,
        count(*) as customer_turns,
        sum(reply_minutes) as reply_time_total_minutes,
        median(reply_minutes) as reply_time_median_minutes,
        max(reply_minutes) as reply_time_max_minutes,
        max(wait_minutes) filter (where is_waiting) as longest_customer_wait_minutes,
        max(wait_business_minutes) filter (where is_waiting) as longest_customer_wait_business_minutes,
        bool_or(is_unanswered_end) as ends_unanswered,
        max(wait_minutes) filter (where is_unanswered_end) as left_hanging_minutes,
        max(target_clock_wait_minutes) filter (where is_unanswered_end) as unanswered_target_minutes,
        -- Waits after the first update; the first wait is judged by slow_first_update.
        max(target_clock_wait_minutes) filter (where turn_started_at >= first_update_at and is_waiting)
            as longest_update_wait_minutes
    from turns
    group by ticket_id
)

select * from final
