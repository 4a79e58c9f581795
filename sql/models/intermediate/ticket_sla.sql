-- Per ticket, each SLA judged as dbt_zendesk does: breached when its target passed before the
-- reply (or the solve) came, with the moment it passed; still running when an open ticket's
-- clock runs at the data's end and the target has not passed yet. NULL where an SLA does not
-- apply (no public customer message, no turn after the first update, no status history).
with sla_breaches as (
    select * from {{ ref('sla_breaches') }}
),

final as (
    select
        ticket_id,
        max(elapsed_minutes) filter (where sla = 'first_reply') as first_reply_sla_elapsed_minutes,
        bool_or(breach_at is not null) filter (where sla = 'first_reply') as first_reply_sla_breached,
        count(breach_at) filter (where sla = 'first_reply') as first_reply_sla_breaches,
        min(breach_at) filter (where sla = 'first_reply') as first_reply_sla_breach_at,
        bool_or(still_running and breach_at is null) filter (where sla = 'first_reply') as first_reply_sla_running,
        max(elapsed_minutes) filter (where sla = 'next_reply') as next_reply_sla_elapsed_minutes,
        bool_or(breach_at is not null) filter (where sla = 'next_reply') as next_reply_sla_breached,
        count(breach_at) filter (where sla = 'next_reply') as next_reply_sla_breaches,
        min(breach_at) filter (where sla = 'next_reply') as next_reply_sla_breach_at,
        bool_or(still_running and breach_at is null) filter (where sla = 'next_reply') as next_reply_sla_running,
        max(elapsed_minutes) filter (where sla = 'requester_wait') as requester_wait_sla_elapsed_minutes,
        bool_or(breach_at is not null) filter (where sla = 'requester_wait') as requester_wait_sla_breached,
        count(breach_at) filter (where sla = 'requester_wait') as requester_wait_sla_breaches,
        min(breach_at) filter (where sla = 'requester_wait') as requester_wait_sla_breach_at,
        bool_or(still_running and breach_at is null) filter (where sla = 'requester_wait') as requester_wait_sla_running
    from sla_breaches
    group by ticket_id
)

select * from final
