-- Every moment a ticket was solved: a `solved` or `closed` in the status history, or, without
-- one, the message whose words resolved it. A solve ends a customer's wait and keeps a promise
-- to get back (dbt_zendesk likewise counts a solve as meeting a reply target). A ticket solved
-- by its status alone has no known moment: it ends no wait.
with status_changes as (
    select * from {{ ref('stg_status_changes') }}
),

words_solved as (
    select * from {{ ref('ticket_words_solved') }}
),

from_history as (
    select
        ticket_id,
        changed_at as solved_at
    from status_changes
    where status in ('solved', 'closed')
),

from_words as (
    select
        words_solved.ticket_id,
        words_solved.solved_at
    from words_solved
    anti join from_history on words_solved.ticket_id = from_history.ticket_id
    where words_solved.deciding_message_id is not null
),

final as (
    select * from from_history
    union all
    select * from from_words
)

select * from final
