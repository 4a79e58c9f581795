-- The public conversation: what the customer saw and said. Bots, system events and internal
-- notes never count as an agent's update (dbt_zendesk likewise leaves private comments and
-- automations out of reply times). At the same second the customer's message comes first: an
-- answer cannot precede its question (dbt_zendesk #114).
with messages as (
    select * from {{ ref('stg_messages') }}
),

final as (
    select
        ticket_id,
        message_id,
        created_at,
        author_id,
        author_role,
        row_number() over (
            partition by ticket_id order by created_at, author_role <> 'customer', message_id
        ) as position
    from messages
    where is_public and author_role in ('customer', 'agent')
)

select * from final
