-- For each practice: de-escalation and resolution of complaints whose first agent reply used
-- it, against those whose first reply did not, with counts and 95% Wilson intervals, so nobody
-- reads a lift off ten tickets. One row per week and practice, and week_start NULL for all weeks.
{%- set practices = label_names('practice') %}
with ticket_metrics as (
    select * from {{ ref('ticket_metrics') }}
),

ticket_practices as (
    select * from {{ ref('ticket_practices') }}
),

practices as (
    select unnest([
        {%- for practice in practices %}'{{ practice }}'{{ ", " if not loop.last }}{% endfor -%}
    ]::varchar[]) as practice
),

answered_complaints as (
    select
        ticket_id,
        week_start,
        de_escalated,
        resolution = 'resolved' as resolved,
        customer_turns >= 2 as can_de_escalate
    from ticket_metrics
    where complaint and public_agent_messages > 0
),

paired as (
    select
        answered_complaints.*,
        practices.practice,
        coalesce(ticket_practices.in_first_reply, false) as used
    from answered_complaints
    cross join practices
    left join ticket_practices
        on
            answered_complaints.ticket_id = ticket_practices.ticket_id
            and practices.practice = ticket_practices.practice
),

counted as (
    select
        week_start,
        practice,
        count(*) filter (where used) as complaints_with,
        count(*) filter (where not used) as complaints_without,
        count(*) filter (where used and can_de_escalate) as de_base_with,
        count(*) filter (where not used and can_de_escalate) as de_base_without,
        count(*) filter (where used and can_de_escalate and de_escalated) as de_with,
        count(*) filter (where not used and can_de_escalate and de_escalated) as de_without,
        count(*) filter (where used and resolved) as resolved_with,
        count(*) filter (where not used and resolved) as resolved_without
    from paired
    group by grouping sets ((week_start, practice), (practice))  -- noqa: PRS
),

final as (
    select
        week_start,
        practice,
        complaints_with,
        complaints_without,
        de_with / nullif(de_base_with, 0) as de_escalation_rate_with,
        de_without / nullif(de_base_without, 0) as de_escalation_rate_without,
        {{ wilson_low('de_with', 'de_base_with') }} as de_escalation_low_with,
        {{ wilson_high('de_with', 'de_base_with') }} as de_escalation_high_with,
        {{ wilson_low('de_without', 'de_base_without') }} as de_escalation_low_without,
        {{ wilson_high('de_without', 'de_base_without') }} as de_escalation_high_without,
        resolved_with / nullif(complaints_with, 0) as resolution_rate_with,
        resolved_without / nullif(complaints_without, 0) as resolution_rate_without,
        {{ wilson_low('resolved_with', 'complaints_with') }} as resolution_low_with,
        {{ wilson_high('resolved_with', 'complaints_with') }} as resolution_high_with,
        {{ wilson_low('resolved_without', 'complaints_without') }} as resolution_low_without,
        {{ wilson_high('resolved_without', 'complaints_without') }} as resolution_high_without
    from counted
    order by week_start nulls first, practice
)

select * from final
