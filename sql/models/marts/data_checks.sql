-- One row: what the exports left inconsistent, counted so the report and `heatcheck status` can
-- say so. These messages are kept (nothing is dropped), but a message without its ticket has no
-- ticket metrics, and one dated before its ticket would read as a negative wait.
with messages as (
    select * from {{ ref('stg_messages') }}
),

tickets as (
    select * from {{ ref('stg_tickets') }}
),

checked as (
    select
        messages.ticket_id,
        tickets.ticket_id is null as ticket_missing,
        coalesce(messages.created_at < tickets.created_at - interval 1 minute, false) as before_ticket
    from messages
    left join tickets on messages.ticket_id = tickets.ticket_id
),

final as (
    select
        count(*) filter (where ticket_missing) as messages_without_ticket,
        count(distinct ticket_id) filter (where ticket_missing) as tickets_not_exported,
        count(*) filter (where before_ticket) as messages_before_ticket
    from checked
)

select * from final
