INSERT INTO labels.ticket_labels BY NAME
SELECT l.*, t.fingerprint, $playbook_version AS playbook_version
FROM new_ticket_labels AS l
JOIN tickets_to_label AS t USING (ticket_id)
