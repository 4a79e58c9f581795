-- Resolution times and reopens from the status history, where the source keeps one. A solve is
-- a `solved`; `closed` counts only on a ticket never solved, because the helpdesk closes solved
-- tickets days later by itself (dbt_zendesk reads solves the same way).
with status_changes as (
    select * from {{ ref('stg_status_changes') }}
),

ordered as (
    select
        ticket_id,
        status,
        changed_at,
        lag(status) over (partition by ticket_id order by changed_at) as previous_status
    from status_changes
),

final as (
    select
        ticket_id,
        coalesce(
            min(changed_at) filter (where status = 'solved'), min(changed_at) filter (where status = 'closed')
        ) as first_solved_at,
        coalesce(
            max(changed_at) filter (where status = 'solved'), max(changed_at) filter (where status = 'closed')
        ) as last_solved_at,
        count(*) filter (
            where previous_status in ('solved', 'closed') and status in ('new', 'open', 'pending', 'hold')
        ) as reopens
    from ordered
    group by ticket_id
)

select * from final
