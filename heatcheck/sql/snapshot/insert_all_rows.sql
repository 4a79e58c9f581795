-- Every live row of a table into a snapshot made whole, through the redacting SELECT list.
INSERT INTO {target} BY NAME SELECT {columns} FROM {source};
