-- One row per agent id: the person it belongs to and the name reports show.
with agent_people as (
    select * from {{ ref('agent_people') }}
),

final as (
    select
        agent_id,
        person_id,
        agent_name,
        email,
        team
    from agent_people
    order by agent_name, agent_id
)

select * from final
