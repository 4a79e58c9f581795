-- One row per follow-up gap found, with the minutes behind it: the coaching worklist.
with ticket_metrics as (
    select * from {{ ref('ticket_metrics') }}
),

gaps as (
    select
        ticket_id,
        week_start,
        team,
        assignee_id,
        priority,
        'slow_first_update' as gap,
        slow_first_update_minutes as minutes,
        'target ' || first_update_target_minutes || ' min' as detail
    from ticket_metrics
    where slow_first_update
    union all
    select
        ticket_id,
        week_start,
        team,
        assignee_id,
        priority,
        'update_gap' as gap,
        update_gap_minutes as minutes,
        'longest wait after the first update' as detail
    from ticket_metrics
    where update_gap
    union all
    select
        ticket_id,
        week_start,
        team,
        assignee_id,
        priority,
        'broken_promise' as gap,
        broken_promise_minutes as minutes,
        broken_promise_phrase as detail
    from ticket_metrics
    where broken_promise
    union all
    select
        ticket_id,
        week_start,
        team,
        assignee_id,
        priority,
        'left_hanging' as gap,
        left_hanging_minutes as minutes,
        'conversation ends on the customer' as detail
    from ticket_metrics
    where left_hanging
    union all
    select
        ticket_id,
        week_start,
        team,
        assignee_id,
        priority,
        'no_check_back' as gap,
        null as minutes,
        'resolved complaint, no agent message after resolution' as detail
    from ticket_metrics
    where no_check_back
),

final as (
    select
        ticket_id,
        week_start,
        team,
        assignee_id,
        priority,
        gap,
        minutes,
        detail
    from gaps
)

select * from final
