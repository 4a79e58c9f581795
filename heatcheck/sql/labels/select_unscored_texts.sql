-- Distinct texts with no score under this playbook yet: the only texts a run has to score.
SELECT DISTINCT md5(coalesce(m.body_clean, '')) AS text_hash, coalesce(m.body_clean, '') AS text
FROM staging.messages AS m
ANTI JOIN labels.text_sentiment AS s ON s.text_hash = md5(coalesce(m.body_clean, ''))
