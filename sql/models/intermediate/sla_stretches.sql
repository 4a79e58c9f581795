-- The stretches each SLA clock runs over, with the target it is judged against: the first
-- reply (clock start to the first update or the first solve), each next reply (a customer turn
-- after the first update, to its answer or the solve; a closing thank-you or "it works now" owes
-- no reply) and the requester wait (the periods spent new, open or on hold). `still_running`
-- marks the stretch a clock is still running in at the data's end. sla_breaches finds the moment
-- each target passed.
with clock_intervals as (
    select * from {{ ref('clock_intervals') }}
),

ticket_clock as (
    select * from {{ ref('ticket_clock') }}
),

customer_turns as (
    select * from {{ ref('customer_turns') }}
),

status_periods as (
    select * from {{ ref('status_periods') }}
),

ticket_targets as (
    select * from {{ ref('ticket_targets') }}
),

first_reply as (
    select
        clock_intervals.ticket_id,
        'first_reply' as sla,
        0 as part,
        clock_intervals.clock_start_at as started_at,
        clock_intervals.clock_end_at as ended_at,
        clock_intervals.still_running,
        ticket_targets.first_update_target_minutes as target_minutes
    from clock_intervals
    inner join ticket_clock on clock_intervals.ticket_id = ticket_clock.ticket_id
    inner join ticket_targets on clock_intervals.ticket_id = ticket_targets.ticket_id
    where ticket_clock.first_customer_at is not null
),

next_reply as (
    select
        customer_turns.ticket_id,
        'next_reply' as sla,
        customer_turns.turn as part,
        customer_turns.turn_started_at as started_at,
        customer_turns.wait_ended_at as ended_at,
        customer_turns.still_waiting as still_running,
        ticket_targets.update_gap_target_minutes as target_minutes
    from customer_turns
    inner join ticket_clock on customer_turns.ticket_id = ticket_clock.ticket_id
    inner join ticket_targets on customer_turns.ticket_id = ticket_targets.ticket_id
    where
        customer_turns.turn_started_at >= ticket_clock.first_update_at
        and not (customer_turns.is_last_turn and (customer_turns.only_thanks or customer_turns.says_resolved))
),

requester_wait as (
    select
        status_periods.ticket_id,
        'requester_wait' as sla,
        0 as part,
        status_periods.started_at,
        status_periods.ended_at,
        status_periods.is_current as still_running,
        ticket_targets.requester_wait_target_minutes as target_minutes
    from status_periods
    inner join ticket_targets on status_periods.ticket_id = ticket_targets.ticket_id
    where status_periods.status in ('new', 'open', 'hold')
),

final as (
    select * from first_reply
    union all
    select * from next_reply
    union all
    select * from requester_wait
)

select * from final
