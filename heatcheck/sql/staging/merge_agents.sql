-- The latest export to name an agent wins; a field it leaves empty keeps what an earlier one said.
MERGE INTO staging.agents AS existing
USING incoming_agents AS incoming
ON existing.agent_id = incoming.agent_id
WHEN MATCHED THEN UPDATE SET
    name = coalesce(incoming.name, existing.name),
    email = coalesce(incoming.email, existing.email),
    team = coalesce(incoming.team, existing.team),
    source_file = incoming.source_file
WHEN NOT MATCHED THEN INSERT
