-- Per ticket with an assignee or team history: the first and last assignee, how many agents
-- and teams it passed through (stations, as dbt_zendesk counts them), and how long it waited
-- unassigned from its creation to its first assignee.
with tickets as (
    select * from {{ ref('stg_tickets') }}
),

field_changes as (
    select * from {{ ref('stg_field_changes') }}
),

assignee_changes as (
    select
        ticket_id,
        value as assignee_id,
        changed_at
    from field_changes
    where field = 'assignee'
),

by_assignee as (
    select
        ticket_id,
        arg_min(assignee_id, changed_at) filter (where assignee_id is not null) as first_assignee_id,
        arg_max(assignee_id, changed_at) as last_assignee_id,
        min(changed_at) filter (where assignee_id is not null) as first_assigned_at,
        count(distinct assignee_id) as assignee_stations
    from assignee_changes
    group by ticket_id
),

by_team as (
    select
        ticket_id,
        count(distinct value) as group_stations
    from field_changes
    where field = 'team'
    group by ticket_id
),

final as (
    select
        tickets.ticket_id,
        by_assignee.first_assignee_id,
        by_assignee.last_assignee_id,
        by_assignee.assignee_stations,
        by_team.group_stations,
        by_assignee.first_assigned_at,
        greatest(date_diff('second', tickets.created_at, by_assignee.first_assigned_at), 0) / 60.0
            as unassigned_minutes
    from tickets
    left join by_assignee on tickets.ticket_id = by_assignee.ticket_id
    left join by_team on tickets.ticket_id = by_team.ticket_id
    where by_assignee.ticket_id is not null or by_team.ticket_id is not null
)

select * from final
