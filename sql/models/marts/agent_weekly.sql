-- One row per week and agent (the person behind the assignee ids, see marts.agents): outcomes,
-- follow-up gaps and practice habits, and the public replies the agent wrote that week's tickets -
-- credited to the writer, whoever the ticket's assignee.
with ticket_metrics as (
    select * from {{ ref('ticket_metrics') }}
),

conversation as (
    select * from {{ ref('conversation') }}
),

weekly_by_owner as (
    select * from {{ ref('weekly_by_owner') }}
),

agent_people as (
    select * from {{ ref('agent_people') }}
),

people as (
    select distinct
        person_id,
        agent_name
    from agent_people
),

agent_team as (
    -- An agent's team that week: the team of most of their tickets (ties: first by name).
    select
        week_start,
        assignee_person_id as agent_id,
        team
    from ticket_metrics
    group by week_start, assignee_person_id, team
    qualify row_number() over (partition by week_start, assignee_person_id order by count(*) desc, team) = 1
),

replies as (
    select
        ticket_metrics.week_start,
        coalesce(agent_people.person_id, conversation.author_id) as agent_id,
        count(*) as public_replies,
        count(distinct conversation.ticket_id) as tickets_replied_to
    from conversation
    inner join ticket_metrics on conversation.ticket_id = ticket_metrics.ticket_id
    left join agent_people on conversation.author_id = agent_people.agent_id
    where conversation.author_role = 'agent'
    group by ticket_metrics.week_start, coalesce(agent_people.person_id, conversation.author_id)
),

final as (
    select
        weekly_by_owner.week_start,
        weekly_by_owner.owner as agent_id,
        coalesce(people.agent_name, weekly_by_owner.owner) as agent_name,
        agent_team.team,
        columns(weekly_by_owner.* exclude (week_start, owner_kind, owner)),  -- noqa: RF02
        coalesce(replies.public_replies, 0) as public_replies,
        coalesce(replies.tickets_replied_to, 0) as tickets_replied_to
    from weekly_by_owner
    left join agent_team
        on
            weekly_by_owner.week_start = agent_team.week_start
            and weekly_by_owner.owner is not distinct from agent_team.agent_id
    left join people on weekly_by_owner.owner = people.person_id
    left join replies
        on
            weekly_by_owner.week_start = replies.week_start
            and weekly_by_owner.owner = replies.agent_id
    where weekly_by_owner.owner_kind = 'agent'
    order by weekly_by_owner.week_start, agent_id
)

select * from final
