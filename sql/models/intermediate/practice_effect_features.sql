-- One row per answered complaint, for the practice effects (marts.practice_effects): the two
-- outcomes, a flag per practice in the first agent reply and anywhere in the conversation, and the
-- case mix the effects are adjusted for (how hard the complaint was before any agent wrote).
{%- set practices = label_names('practice') %}
with ticket_metrics as (
    select * from {{ ref('ticket_metrics') }}
),

ticket_practices as (
    select * from {{ ref('ticket_practices') }}
),

conversation as (
    select * from {{ ref('conversation') }}
),

message_labels as (
    select * from {{ ref('stg_message_labels') }}
),

answered_complaints as (
    select
        ticket_id,
        team,
        assignee_person_id as agent_id,
        customer_turns,
        de_escalated,
        resolution,
        priority,
        channel,
        root_cause,
        start_sentiment,
        time_to_first_update_minutes
    from ticket_metrics
    where complaint and public_agent_messages > 0
),

opening_message as (
    select
        ticket_id,
        arg_min(message_id, position) as message_id
    from conversation
    where author_role = 'customer'
    group by ticket_id
),

-- The customer's mood in words before anyone answered: distinct negative signals (a plain thank
-- you is no sign of trouble) in their first message, counted the way dissatisfaction_features
-- counts them over the whole conversation.
opening_signals as (
    select
        opening_message.ticket_id,
        count(distinct message_labels.label) as opening_signals
    from opening_message
    inner join message_labels
        on
            opening_message.message_id = message_labels.message_id
            and message_labels.kind = 'signal'
            and message_labels.label <> {{ label_with_role('thanks') }}
    group by opening_message.ticket_id
),

-- Every answered complaint gets a row, false for each practice its agents never used.
first_reply_practices as (
    select
        answered_complaints.ticket_id,
        {{ any_label_flags(
            "case when ticket_practices.in_first_reply then ticket_practices.practice else '' end",
            practices, '_in_first_reply'
        ) }}
    from answered_complaints
    left join ticket_practices on answered_complaints.ticket_id = ticket_practices.ticket_id
    group by answered_complaints.ticket_id
),

conversation_practices as (
    select
        answered_complaints.ticket_id,
        {{ any_label_flags("coalesce(ticket_practices.practice, '')", practices, '_in_conversation') }}
    from answered_complaints
    left join ticket_practices on answered_complaints.ticket_id = ticket_practices.ticket_id
    group by answered_complaints.ticket_id
),

final as (
    select
        answered_complaints.ticket_id,
        answered_complaints.team,
        answered_complaints.agent_id,
        -- A customer who wrote once had no second message to calm down in.
        case when answered_complaints.customer_turns >= 2 then answered_complaints.de_escalated end as de_escalated,
        coalesce(answered_complaints.resolution = 'resolved', false) as resolved,
        answered_complaints.priority,
        coalesce(answered_complaints.channel, 'unknown') as channel,
        coalesce(answered_complaints.root_cause, 'unknown') as root_cause,
        coalesce(answered_complaints.start_sentiment, 0) as opening_sentiment,
        coalesce(opening_signals.opening_signals, 0) as opening_signals,
        -- Waits run from minutes to weeks: the log keeps a week-long wait from outweighing the rest.
        ln(1 + greatest(coalesce(answered_complaints.time_to_first_update_minutes, 0), 0))
            as log_minutes_to_first_reply,
        columns(first_reply_practices.* exclude (ticket_id)),  -- noqa: RF02
        columns(conversation_practices.* exclude (ticket_id))  -- noqa: RF02
    from answered_complaints
    left join opening_signals on answered_complaints.ticket_id = opening_signals.ticket_id
    left join first_reply_practices on answered_complaints.ticket_id = first_reply_practices.ticket_id
    left join conversation_practices on answered_complaints.ticket_id = conversation_practices.ticket_id
)

select * from final
