-- The week's best recoveries (complaints that de-escalated, the biggest rise first) and worst
-- misses (worsened, a broken promise or left hanging; the most avoidable word of mouth first),
-- $per_kind of each, for everyone or one team ($team) or one agent ($assignee_id: a person, under
-- any of their ids).
WITH week_tickets AS (
    SELECT *
    FROM marts.ticket_metrics
    WHERE week_start = $week_start
      AND ($team IS NULL OR team = $team)
      AND ($assignee_id IS NULL OR assignee_person_id = $assignee_id)
),

recoveries AS (
    SELECT
        'recovery' AS kind,
        *,
        row_number() OVER (ORDER BY end_sentiment - start_sentiment DESC NULLS LAST, ticket_id) AS rank
    FROM week_tickets
    WHERE complaint AND de_escalated
),

misses AS (
    SELECT
        'miss' AS kind,
        *,
        row_number() OVER (
            ORDER BY avoidable_reach DESC NULLS LAST, end_sentiment - start_sentiment NULLS LAST, ticket_id
        ) AS rank
    FROM week_tickets
    WHERE (worsened OR broken_promise OR left_hanging)
      AND NOT coalesce(complaint AND de_escalated, FALSE)
)

SELECT
    kind,
    ticket_id,
    team,
    assignee_id,
    assignee_name,
    start_label,
    end_label,
    start_sentiment,
    end_sentiment,
    de_escalated,
    worsened,
    broken_promise,
    broken_promise_phrase,
    left_hanging,
    avoidable_reach
FROM (
    SELECT * FROM recoveries
    UNION ALL
    SELECT * FROM misses
)
WHERE rank <= $per_kind
ORDER BY kind DESC, rank
