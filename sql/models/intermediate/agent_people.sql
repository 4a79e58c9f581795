-- Every agent id that answers or owns a ticket, with the person behind it: ids the agents file
-- lists under one name, or that share a work e-mail, are one person. A person's id is the
-- smallest of their agent ids (an id, not an e-mail, so joins survive the snapshot's redaction).
with agents as (
    select * from {{ ref('stg_agents') }}
),

aliases as (
    select * from {{ ref('agent_aliases') }}
),

messages as (
    select * from {{ ref('stg_messages') }}
),

tickets as (
    select * from {{ ref('stg_tickets') }}
),

ids as (
    select author_id as agent_id from messages
    where author_role = 'agent' and author_id is not null
    union
    select assignee_id from tickets
    where assignee_id is not null
    union
    select agent_id from agents
),

named as (
    select
        ids.agent_id,
        agents.name,
        agents.email,
        agents.team,
        coalesce(by_id.person, by_email.person, agents.email, ids.agent_id) as merge_key,
        coalesce(by_id.person, by_email.person) as listed_name
    from ids
    left join agents on ids.agent_id = agents.agent_id
    left join aliases as by_id on ids.agent_id = by_id.alias
    left join aliases as by_email on agents.email = by_email.alias
),

final as (
    select
        agent_id,
        min(agent_id) over (partition by merge_key) as person_id,
        coalesce(
            listed_name, max(name) over (partition by merge_key), min(agent_id) over (partition by merge_key)
        ) as agent_name,
        email,
        team
    from named
)

select * from final
