-- One row per follow-up gap found, with the minutes behind it: the coaching worklist.
{%- set gaps = [
    ('slow_first_update', 'slow_first_update_minutes', "'target ' || first_update_target_minutes || ' min'"),
    ('update_gap', 'update_gap_minutes', "'longest wait after the first update'"),
    ('broken_promise', 'broken_promise_minutes', 'broken_promise_phrase'),
    ('left_hanging', 'left_hanging_minutes', "'conversation ends on the customer'"),
    ('no_check_back', 'null', "'resolved complaint, no agent message after resolution'"),
] %}
with ticket_metrics as (
    select * from {{ ref('ticket_metrics') }}
),

gaps as (
    {%- for gap, minutes, detail in gaps %}
        select
            ticket_id,
            week_start,
            team,
            assignee_id,
            assignee_name,
            priority,
            '{{ gap }}' as gap,
            {{ minutes }}::double as minutes,
            {{ detail }} as detail
        from ticket_metrics
        where {{ gap }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

final as (
    select
        ticket_id,
        week_start,
        team,
        assignee_id,
        assignee_name,
        priority,
        gap,
        minutes,
        detail
    from gaps
)

select * from final
