-- Complaint themes per week against the four weeks before, so a rising theme stands out.
-- A theme is the root cause, with the cue word that matched when there is one.
CREATE OR REPLACE TABLE marts.complaint_themes_weekly AS
WITH themed AS (
    SELECT
        t.week_start,
        CASE
            WHEN nullif(trim(l.root_cause_evidence), '') IS NULL THEN t.root_cause
            ELSE t.root_cause || ': ' || lower(trim(l.root_cause_evidence))
        END AS theme
    FROM marts.ticket_metrics AS t
    LEFT JOIN labels.ticket_labels AS l USING (ticket_id)
    WHERE t.complaint
),
weeks AS (
    SELECT DISTINCT week_start FROM marts.ticket_metrics
),
themes AS (
    SELECT DISTINCT theme FROM themed
),
counts AS (
    SELECT w.week_start, th.theme, count(t.theme) AS complaints
    FROM weeks AS w
    CROSS JOIN themes AS th
    LEFT JOIN themed AS t ON t.week_start = w.week_start AND t.theme = th.theme
    GROUP BY ALL
),
compared AS (
    SELECT
        week_start,
        theme,
        complaints,
        coalesce(avg(complaints) OVER prior, 0) AS prior_weeks_average
    FROM counts
    WINDOW prior AS (PARTITION BY theme ORDER BY week_start ROWS BETWEEN 4 PRECEDING AND 1 PRECEDING)
)
SELECT week_start, theme, complaints, prior_weeks_average, complaints - prior_weeks_average AS change
FROM compared
WHERE complaints > 0 OR prior_weeks_average > 0
ORDER BY week_start, change DESC
