-- Weekly outcomes, gaps and practice habits per owner of a ticket: per agent (assignee), per
-- team and for everyone in one pass, so agent_weekly, team_weekly and the company-wide shares in
-- weekly_kpis are the same numbers cut three ways.
{%- set practices = label_names('practice') %}
with ticket_metrics as (
    select * from {{ ref('ticket_metrics') }}
),

ticket_practices as (
    select * from {{ ref('ticket_practices') }}
),

practice_use as (
    select
        ticket_id,
        {{ any_label_flags('practice', practices) }}
    from ticket_practices
    group by ticket_id
),

tickets as (
    select
        ticket_metrics.*,
        columns(practice_use.* exclude (ticket_id))  -- noqa: RF02
    from ticket_metrics
    left join practice_use on ticket_metrics.ticket_id = practice_use.ticket_id
),

final as (
    select
        week_start,
        case when grouping(assignee_person_id) = 0 then 'agent' when grouping(team) = 0 then 'team' else 'everyone' end
            as owner_kind,
        case
            when grouping(assignee_person_id) = 0 then assignee_person_id when grouping(team) = 0 then team
        end as owner,
        count(*) as tickets,
        count(*) filter (where complaint) as complaints,
        median(time_to_first_update_business_minutes) as median_time_to_first_update_business_minutes,
        count(*) filter (where slow_first_update) as slow_first_updates,
        count(*) filter (where update_gap) as update_gaps,
        count(*) filter (where broken_promise) as broken_promises,
        count(*) filter (where left_hanging) as left_hanging,
        count(*) filter (where no_check_back) as no_check_back,
        count(*) filter (where de_escalated) as de_escalated,
        count(*) filter (where worsened) as worsened,
        count(*) filter (where resolution = 'resolved') as resolved,
        -- Shares are of the tickets an agent replied to, so unanswered tickets do not dilute them.
        {{ answered_shares(practices) }}
    from tickets
    group by grouping sets ((week_start, assignee_person_id), (week_start, team), (week_start))  -- noqa: PRS
)

select * from final
