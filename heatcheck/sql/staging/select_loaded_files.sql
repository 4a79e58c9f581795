-- Files already loaded: their (path, size, mtime) and checksum, so known files are not re-hashed.
SELECT file, size_bytes, modified_at, checksum
FROM staging.ingest_log
WHERE status = 'loaded'
