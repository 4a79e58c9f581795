-- Why rows were quarantined, most common first.
SELECT reason, count(*) AS records, count(DISTINCT file) AS files
FROM staging.quarantine
GROUP BY reason
ORDER BY records DESC, reason
