-- Per ticket, what the conversation says so far, for the chance that the customer ends
-- dissatisfied (dissatisfaction_chance), with the two outcomes it is fitted on: CSAT, and SPEC
-- section 6's rule for a complaint that ended dissatisfied (CSAT bad when present; otherwise not
-- resolved, or the customer's last message still negative). Also where "open" is defined.
with tickets as (
    select * from {{ ref('stg_tickets') }}
),

ticket_labels as (
    select * from {{ ref('stg_ticket_labels') }}
),

messages as (
    select * from {{ ref('stg_messages') }}
),

message_labels as (
    select * from {{ ref('stg_message_labels') }}
),

reply_times as (
    select * from {{ ref('ticket_reply_times') }}
),

broken_promises as (
    select * from {{ ref('ticket_broken_promises') }}
),

negative_signals as (
    select
        messages.ticket_id,
        count(distinct message_labels.label) as negative_signals
    from message_labels
    inner join messages on message_labels.message_id = messages.message_id
    where
        message_labels.kind = 'signal'
        and message_labels.label <> {{ label_with_role('thanks') }}
        and messages.author_role = 'customer'
    group by messages.ticket_id
),

final as (
    select
        tickets.ticket_id,
        tickets.status not in ('solved', 'closed') and coalesce(ticket_labels.resolution, '') <> 'resolved'
            as is_open,
        tickets.csat,
        coalesce(ticket_labels.complaint, false) and case
            when tickets.csat = 'bad' then true
            when tickets.csat = 'good' then false
            else
                coalesce(ticket_labels.resolution, 'unknown') <> 'resolved'
                or coalesce(ticket_labels.end_label, '') = 'negative'
        end as rule_dissatisfied,
        ticket_labels.start_sentiment,
        ticket_labels.end_sentiment,
        coalesce(ticket_labels.complaint, false)::integer as complaint,
        coalesce(negative_signals.negative_signals, 0) as negative_signals,
        ln(1 + coalesce(reply_times.longest_customer_wait_business_minutes, 0) / 60.0)
            as log_longest_wait_business_hours,
        coalesce(broken_promises.broken_promise, false)::integer as broken_promise,
        (coalesce(ticket_labels.resolution, '') = 'resolved')::integer as resolved,
        coalesce(reply_times.ends_unanswered, false)::integer as ends_unanswered
    from tickets
    left join ticket_labels on tickets.ticket_id = ticket_labels.ticket_id
    left join negative_signals on tickets.ticket_id = negative_signals.ticket_id
    left join reply_times on tickets.ticket_id = reply_times.ticket_id
    left join broken_promises on tickets.ticket_id = broken_promises.ticket_id
)

select * from final
