-- One row per agent id an export named, with the name and work e-mail it gave.
with source as (
    select * from {{ source('staging', 'agents') }}
),

final as (
    select
        agent_id,
        name,
        email,
        team
    from source
)

select * from final
