-- SPEC section 6, per week. r, s and a are estimates from the settings, kept beside the numbers.
CREATE OR REPLACE TABLE marts.word_of_mouth_weekly AS
WITH weekly AS (
    SELECT
        week_start,
        count(*) FILTER (WHERE complaint) AS complaints,
        count(*) FILTER (WHERE dissatisfied) AS dissatisfied
    FROM marts.ticket_metrics
    GROUP BY week_start
)
SELECT
    week_start,
    complaints,
    dissatisfied,
    complaints * (1 / $complaint_rate - 1) AS silent_dissatisfied,
    (dissatisfied + complaints * (1 / $complaint_rate - 1)) * $tell_share * $audience AS word_of_mouth_reach,
    (dissatisfied + complaints * (1 / $complaint_rate - 1)) * $tell_share * $audience
        / nullif(complaints, 0) AS complaint_to_wom_risk,
    dissatisfied * $tell_share * $audience AS avoidable_reach,
    $complaint_rate::DOUBLE AS complaint_rate,
    $tell_share::DOUBLE AS tell_share,
    $audience::DOUBLE AS audience
FROM weekly
ORDER BY week_start
