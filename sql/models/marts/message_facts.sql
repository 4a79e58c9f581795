-- One row per message with its sentiment and one flag per practice and signal of the playbook.
{%- set labels = label_names('practice') + label_names('signal') %}
with messages as (
    select * from {{ ref('stg_messages') }}
),

tickets as (
    select * from {{ ref('stg_tickets') }}
),

message_sentiment as (
    select * from {{ ref('stg_message_sentiment') }}
),

message_labels as (
    select * from {{ ref('stg_message_labels') }}
),

flags as (
    select
        message_id,
        {{ any_label_flags('label', labels) }}
    from message_labels
    group by message_id
),

final as (
    select
        messages.message_id,
        messages.ticket_id,
        messages.created_at,
        date_trunc('week', tickets.created_at)::date as week_start,
        messages.author_id,
        messages.author_role,
        messages.is_public,
        messages.body_clean,
        message_sentiment.vader_compound,
        message_sentiment.compound,
        message_sentiment.sentiment,
        columns(flags.* exclude (message_id))  -- noqa: RF02
    from messages
    left join tickets on messages.ticket_id = tickets.ticket_id
    left join message_sentiment on messages.message_id = message_sentiment.message_id
    left join flags on messages.message_id = flags.message_id
)

select * from final
