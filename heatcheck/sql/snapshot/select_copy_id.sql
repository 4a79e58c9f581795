-- The id of the copy an attached previous snapshot was published as.
SELECT copy_id FROM snapshot.main.published;
