-- The vocabulary of the playbook this run labelled with: the marts pivot over it.
DELETE FROM labels.label_vocabulary;
INSERT INTO labels.label_vocabulary BY NAME SELECT * FROM current_vocabulary;
