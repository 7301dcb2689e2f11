-- The local cluster: every node answers, runs with the settings jcitus needs and has the
-- extension created.
SELECT current_setting('port')::int = :master_port AS on_coordinator;
SELECT extname, extversion FROM pg_extension WHERE extname IN ('pljvm', 'jcitus') ORDER BY extname;
SELECT name, setting FROM pg_settings
 WHERE name IN ('shared_preload_libraries', 'max_connections', 'max_prepared_transactions',
                'wal_level', 'fsync')
 ORDER BY name;
\c - - - :worker_1_port
SELECT current_setting('port')::int = :worker_1_port AS on_worker_1;
SELECT extname, extversion FROM pg_extension WHERE extname IN ('pljvm', 'jcitus') ORDER BY extname;
SELECT current_setting('shared_preload_libraries') AS preloaded;
\c - - - :worker_2_port
SELECT current_setting('port')::int = :worker_2_port AS on_worker_2;
SELECT extname, extversion FROM pg_extension WHERE extname IN ('pljvm', 'jcitus') ORDER BY extname;
SELECT current_setting('shared_preload_libraries') AS preloaded;
