-- Every week the marts hold, newest first: the index lists them all, written or not.
SELECT DISTINCT week_start
FROM marts.weekly_kpis
WHERE week_start IS NOT NULL
ORDER BY week_start DESC
