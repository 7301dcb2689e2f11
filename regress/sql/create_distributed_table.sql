-- create_distributed_table: a table's rows spread over shards on the workers, by the hash
-- of a column, the way Citus spreads them; and reference tables, copied to every node.
-- Queries still see the coordinator's (empty) table until the query issue lands, so the
-- shards are looked at with run_command_on_placements.
SET citus.next_shard_id TO 102008;
SELECT setval('pg_catalog.pg_dist_shardid_seq', 102008, false);
SELECT setval('pg_catalog.pg_dist_colocationid_seq', 1, false);
SELECT citus_set_coordinator_host('127.0.0.1', :master_port);

-- a table with rows, constraints and an index
CREATE TABLE items (
    id bigint PRIMARY KEY,
    tenant int NOT NULL DEFAULT 7,
    name text CHECK (name <> ''),
    price numeric(10,2),
    tags text[],
    made date DEFAULT '2026-01-01'
);
CREATE INDEX items_tenant ON items (tenant) WHERE tenant > 0;
INSERT INTO items SELECT i, i % 10, 'item ' || i, i * 1.5, ARRAY['t' || (i % 3)], '2026-11-22'
  FROM generate_series(1, 1000) i;
SELECT create_distributed_table('items', 'id', shard_count := 8);

-- the metadata: hash on id, eight shards splitting the int32 range evenly, round robin
SELECT logicalrelid, partmethod, colocationid, repmodel, partkey FROM pg_dist_partition;
SELECT shardid, shardstorage, shardminvalue, shardmaxvalue FROM pg_dist_shard
 WHERE logicalrelid = 'items'::regclass ORDER BY shardid;
SELECT p.shardid, n.nodeid, p.shardstate FROM pg_dist_placement p JOIN pg_dist_node n USING (groupid)
 WHERE p.shardid IN (SELECT shardid FROM pg_dist_shard WHERE logicalrelid = 'items'::regclass)
 ORDER BY p.shardid;
SELECT * FROM pg_dist_colocation ORDER BY colocationid;
-- the rows are in the shards, exactly once, and the coordinator's table is empty (queries
-- on it go to the shards now, so its file shows it: the rows left it with a TRUNCATE)
SELECT pg_relation_size('items') AS local_bytes;
SELECT sum(result::int) AS rows_in_shards FROM run_command_on_placements('items', 'SELECT count(*) FROM %s');
SELECT nodeport, shardid, result FROM run_command_on_placements('items',
  $$SELECT count(*) FROM %s WHERE id = 42$$) WHERE result <> '0';
SELECT get_shard_id_for_distribution_column('items', 42), shard_name('items', get_shard_id_for_distribution_column('items', 42));
SELECT result AS row_42 FROM run_command_on_placements('items', $$SELECT t::text FROM %s t WHERE id = 42$$)
 WHERE result <> '';
-- each shard has the table's full definition, under names with the shard id
SELECT result FROM run_command_on_shards('items', $$SELECT string_agg(pg_get_constraintdef(oid), ', ' ORDER BY conname)
  FROM pg_constraint WHERE conrelid = '%s'::regclass$$) LIMIT 1;
SELECT result FROM run_command_on_shards('items', $$SELECT string_agg(indexrelid::regclass::text, ', ' ORDER BY 1)
  FROM pg_index WHERE indrelid = '%s'::regclass$$) ORDER BY shardid LIMIT 1;
SELECT result FROM run_command_on_shards('items', $$SELECT string_agg(column_name || ' ' || data_type
  || coalesce(' default ' || column_default, '') || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END, ', '
  ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = '%s'$$) LIMIT 1;

-- colocation: same column type and shard count share a group, unless asked otherwise
CREATE TABLE orders (item_id bigint, qty int);
SELECT create_distributed_table('orders', 'item_id', shard_count := 8);
CREATE TABLE audits (item_id bigint);
SELECT create_distributed_table('audits', 'item_id', colocate_with := 'none', shard_count := 8);
CREATE TABLE notes (item_id bigint, note text);
SELECT create_distributed_table('notes', 'item_id', colocate_with := 'orders');
SELECT logicalrelid, colocationid FROM pg_dist_partition ORDER BY logicalrelid::text;
-- colocated shards live on the same nodes
SELECT count(*) AS misplaced FROM pg_dist_shard a JOIN pg_dist_shard b
    ON a.shardminvalue = b.shardminvalue AND a.logicalrelid = 'items'::regclass AND b.logicalrelid = 'notes'::regclass
  JOIN pg_dist_placement pa ON pa.shardid = a.shardid JOIN pg_dist_placement pb ON pb.shardid = b.shardid
 WHERE pa.groupid <> pb.groupid;
SELECT nodeport, shardid1, shardid2, result FROM run_command_on_colocated_placements('items', 'notes',
  'SELECT %L || '' with '' || %L') ORDER BY shardid1 LIMIT 2;

-- get_shard_id_for_distribution_column picks the shard real Citus 13.2 picks, for every
-- value of ../shared/vectors (32 shards: int4, int8, text, uuid)
CREATE TABLE hash_vector_lines (line text);
COPY hash_vector_lines FROM :'hash_vectors';
CREATE TABLE hash_vectors AS
  SELECT split_part(line, ',', 1) AS type, split_part(line, ',', 2) AS value,
         split_part(line, ',', 3)::int AS shard_index
    FROM hash_vector_lines WHERE line NOT LIKE '#%' AND line NOT LIKE 'type,%';
CREATE TABLE by_int4 (k int4);
CREATE TABLE by_int8 (k int8);
CREATE TABLE by_text (k text);
CREATE TABLE by_uuid (k uuid);
SELECT create_distributed_table(t, 'k') FROM unnest(ARRAY['by_int4', 'by_int8', 'by_text', 'by_uuid']) t;
SELECT v.type, count(*) AS values,
       count(*) FILTER (WHERE get_shard_id_for_distribution_column(('by_' || v.type)::regclass, v.value)
                        - (SELECT min(shardid) FROM pg_dist_shard WHERE logicalrelid = ('by_' || v.type)::regclass)
                        = v.shard_index) AS same_shard_as_citus
  FROM hash_vectors v GROUP BY v.type ORDER BY v.type;

-- bad input, each refused with Citus's words, and nothing left behind
CREATE TABLE plain (a int PRIMARY KEY, b int UNIQUE, p point, j json);
SELECT create_distributed_table('plain', 'nope');
SELECT create_distributed_table('plain', 'p');
SELECT create_distributed_table('plain', 'a');
ALTER TABLE plain DROP CONSTRAINT plain_b_key;
SELECT create_distributed_table('items', 'id');
SELECT create_distributed_table('plain', 'a', 'append');
SELECT create_distributed_table('plain', 'a', shard_count := 0);
SELECT create_distributed_table('plain', 'a', colocate_with := 'plain');
CREATE TABLE int_keyed (k int);
SELECT create_distributed_table('int_keyed', 'k', colocate_with := 'items');
SELECT create_distributed_table('int_keyed', 'k', colocate_with := 'no_such_table');
CREATE TABLE a_table_name_long_enough_to_leave_no_room_for_ids (a int);
SELECT create_distributed_table('a_table_name_long_enough_to_leave_no_room_for_ids', 'a');
DROP TABLE a_table_name_long_enough_to_leave_no_room_for_ids;
CREATE TEMP TABLE temporary_one (a int);
SELECT create_distributed_table('temporary_one', 'a');
CREATE TABLE with_null (a int);
INSERT INTO with_null VALUES (1), (NULL);
SELECT create_distributed_table('with_null', 'a');
SELECT count(*) AS rows_kept FROM with_null;
-- no worker that should have shards
SELECT citus_set_node_property('127.0.0.1', port, 'shouldhaveshards', false)
  FROM unnest(ARRAY[:worker_1_port, :worker_2_port]) port;
SELECT create_distributed_table('int_keyed', 'k', colocate_with := 'none');
SELECT citus_set_node_property('127.0.0.1', port, 'shouldhaveshards', true)
  FROM unnest(ARRAY[:worker_1_port, :worker_2_port]) port;
SELECT logicalrelid FROM pg_dist_partition WHERE logicalrelid::text IN ('plain', 'int_keyed', 'with_null');

-- a worker that is down: a clear error naming it, no shard or metadata anywhere, the rows
-- still in the coordinator's table
CREATE TABLE while_down (id int, v text);
INSERT INTO while_down SELECT i, 'v' || i FROM generate_series(1, 100) i;
\c - - - :worker_2_port
SELECT current_setting('data_directory') AS worker_2_directory \gset
\c - - - :master_port
CREATE FUNCTION stop_node(text) RETURNS text LANGUAGE pljvm AS 'org.jcitus.regress.Nodes.stop';
CREATE FUNCTION start_node(text) RETURNS text LANGUAGE pljvm AS 'org.jcitus.regress.Nodes.start';
-- (this session's idle connection to worker 2 must not outlive the restart below)
SELECT create_distributed_table('while_down', 'id', shard_count := 4);
SELECT undistribute_table('while_down');
SELECT stop_node(:'worker_2_directory');
SELECT create_distributed_table('while_down', 'id', shard_count := 4);
SELECT count(*) AS metadata_rows FROM pg_dist_partition WHERE logicalrelid = 'while_down'::regclass;
SELECT count(*) AS rows_kept FROM while_down;
SELECT nodeport, success, result FROM run_command_on_workers(
  $$SELECT count(*) FROM pg_class WHERE relname LIKE 'while_down%'$$) ORDER BY nodeport;
SELECT start_node(:'worker_2_directory');
SELECT nodeport, success, result FROM run_command_on_workers(
  $$SELECT count(*) FROM pg_class WHERE relname LIKE 'while_down%'$$) ORDER BY nodeport;
SELECT create_distributed_table('while_down', 'id', shard_count := 4);
SELECT sum(result::int) AS rows_in_shards FROM run_command_on_placements('while_down', 'SELECT count(*) FROM %s');

-- a reference table: one shard with a copy on every node, the coordinator's included
CREATE TABLE countries (code text PRIMARY KEY, name text NOT NULL);
INSERT INTO countries VALUES ('nl', 'Netherlands'), ('de', 'Germany'), ('jp', 'Japan');
SELECT create_reference_table('countries');
SELECT logicalrelid, partmethod, partkey IS NULL AS no_partkey, repmodel FROM pg_dist_partition
 WHERE logicalrelid = 'countries'::regclass;
SELECT s.shardminvalue IS NULL AS no_range, n.nodeport FROM pg_dist_shard s JOIN pg_dist_placement p USING (shardid)
  JOIN pg_dist_node n USING (groupid) WHERE s.logicalrelid = 'countries'::regclass ORDER BY n.nodeport;
SELECT nodeport, result FROM run_command_on_placements('countries', 'SELECT count(*) FROM %s') ORDER BY nodeport;
CREATE TABLE currencies (code text);
INSERT INTO currencies VALUES ('EUR'), ('JPY');
SELECT create_reference_table('currencies');
SELECT count(DISTINCT colocationid) AS reference_groups FROM pg_dist_partition WHERE partmethod = 'n';
SELECT create_reference_table('countries');

-- what citus_tables and citus_shards show
SELECT table_name, citus_table_type, distribution_column, colocation_id, table_size <> '0 bytes' AS has_size,
       shard_count, table_owner, access_method
  FROM citus_tables WHERE table_name::text IN ('items', 'orders', 'countries') ORDER BY table_name::text;
SELECT table_name, shardid, shard_name, citus_table_type, colocation_id, nodeport, shard_size > 0 AS has_size
  FROM citus_shards WHERE table_name::text IN ('items', 'countries') ORDER BY shardid, nodeport LIMIT 5;

-- colocation changes in the metadata only: a group of its own, and back
SELECT update_distributed_table_colocation('notes', colocate_with := 'none');
SELECT logicalrelid, colocationid FROM pg_dist_partition WHERE logicalrelid::text IN ('items', 'notes') ORDER BY 1;
SELECT update_distributed_table_colocation('notes', colocate_with := 'items');
SELECT logicalrelid, colocationid FROM pg_dist_partition WHERE logicalrelid::text IN ('items', 'notes') ORDER BY 1;
SELECT update_distributed_table_colocation('notes', colocate_with := 'by_int4');
SELECT update_distributed_table_colocation('notes', colocate_with := 'countries');
SELECT upgrade_to_reference_table('notes');

-- undistribute_table brings the rows back into a plain table and removes the shards
CREATE TABLE round_trip (id int PRIMARY KEY, v text);
INSERT INTO round_trip SELECT i, 'v' || i FROM generate_series(1, 500) i;
SELECT create_distributed_table('round_trip', 'id', shard_count := 4);
SELECT pg_relation_size('round_trip') AS local_bytes;
SELECT undistribute_table('round_trip');
SELECT count(*) AS local_rows, sum(id) AS sum_of_ids FROM round_trip;
SELECT count(*) AS metadata_rows FROM pg_dist_partition WHERE logicalrelid = 'round_trip'::regclass;
SELECT nodeport, result FROM run_command_on_workers($$SELECT count(*) FROM pg_class WHERE relname LIKE 'round_trip_%'$$)
 ORDER BY nodeport;
SELECT undistribute_table('round_trip');
SELECT create_reference_table('round_trip');
SELECT undistribute_table('round_trip');
SELECT count(*) AS local_rows FROM round_trip;
DROP TABLE round_trip;

-- foreign keys: to a colocated table through the distribution column, and to a reference
-- table; each shard's key refers to the shard on its own node. (Tables that refer to
-- others get their rows after distribution: until queries reach the shards, the
-- coordinator would check new rows against the empty table they refer to.)
CREATE TABLE fk_countries (code text PRIMARY KEY);
INSERT INTO fk_countries VALUES ('nl'), ('de');
SELECT create_reference_table('fk_countries');
CREATE TABLE fk_customers (id bigint PRIMARY KEY, country text REFERENCES fk_countries (code));
SELECT create_distributed_table('fk_customers', 'id', shard_count := 4);
CREATE TABLE fk_orders (customer_id bigint REFERENCES fk_customers (id) ON DELETE CASCADE, amount int);
SELECT create_distributed_table('fk_orders', 'customer_id', colocate_with := 'fk_customers');
SELECT result FROM run_command_on_shards('fk_orders', $$SELECT string_agg(pg_get_constraintdef(oid), ', ')
  FROM pg_constraint WHERE conrelid = '%s'::regclass AND contype = 'f'$$) ORDER BY shardid LIMIT 1;
SELECT result FROM run_command_on_shards('fk_customers', $$SELECT string_agg(pg_get_constraintdef(oid), ', ')
  FROM pg_constraint WHERE conrelid = '%s'::regclass AND contype = 'f'$$) ORDER BY shardid LIMIT 1;
-- the keys hold on the shards
SELECT DISTINCT success, result FROM run_command_on_shards('fk_customers', $$INSERT INTO %s VALUES (1, 'nl')$$);
SELECT DISTINCT success, regexp_replace(result, '_[0-9]+"', '"', 'g') AS result
  FROM run_command_on_shards('fk_customers', $$INSERT INTO %s VALUES (2, 'xx')$$);
SELECT DISTINCT success, result FROM run_command_on_shards('fk_orders', 'INSERT INTO %s VALUES (1, 10)');
SELECT DISTINCT success, regexp_replace(result, '_[0-9]+"', '"', 'g') AS result
  FROM run_command_on_shards('fk_orders', 'INSERT INTO %s VALUES (999, 1)');
-- refused, with nothing left behind
CREATE TABLE fk_local (id int PRIMARY KEY);
CREATE TABLE fk_to_local (id int REFERENCES fk_local (id));
SELECT create_distributed_table('fk_to_local', 'id');
CREATE TABLE fk_wrong_column (x bigint, customer_id bigint REFERENCES fk_customers (id));
SELECT create_distributed_table('fk_wrong_column', 'x', colocate_with := 'fk_customers');
SELECT create_distributed_table('fk_wrong_column', 'customer_id', colocate_with := 'none');
SELECT create_reference_table('fk_wrong_column');
SELECT create_distributed_table('fk_local', 'id');
SELECT count(*) AS distributed FROM pg_dist_partition
 WHERE logicalrelid::text IN ('fk_local', 'fk_to_local', 'fk_wrong_column');
-- TRUNCATE ... CASCADE reaches the referring shards; undistribute_table leaves tables with keys alone
SELECT sum(result::int) AS order_rows FROM run_command_on_placements('fk_orders', 'SELECT count(*) FROM %s');
TRUNCATE fk_customers CASCADE;
SELECT sum(result::int) AS order_rows FROM run_command_on_placements('fk_orders', 'SELECT count(*) FROM %s');
SELECT undistribute_table('fk_orders');
DROP TABLE fk_orders, fk_customers, fk_countries, fk_to_local, fk_local, fk_wrong_column;

-- a partitioned table is distributed with its partitions: each partition's shard is a
-- partition of the parent's shard of the same index, on the same node
CREATE TABLE events (id bigint, at date, kind text, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE INDEX events_kind ON events (kind);
INSERT INTO events SELECT i, '2025-06-01'::date + (i % 400), 'k' || (i % 3) FROM generate_series(1, 300) i;
SELECT create_distributed_table('events_2025', 'id');
SELECT create_distributed_table('events', 'id', shard_count := 4);
SELECT logicalrelid, partmethod, colocationid FROM pg_dist_partition
 WHERE logicalrelid::text LIKE 'events%' ORDER BY 1;
SELECT sum(pg_relation_size(relid)) AS local_bytes FROM pg_partition_tree('events');
SELECT sum(result::int) AS rows_in_shards FROM run_command_on_placements('events', 'SELECT count(*) FROM %s');
SELECT result AS partitions_of_a_shard FROM run_command_on_shards('events',
  $$SELECT string_agg(regexp_replace(c.relname, '_[0-9]+$', '') || ' ' || pg_get_expr(c.relpartbound, c.oid), '; '
      ORDER BY c.relname) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '%s'::regclass$$)
 ORDER BY shardid LIMIT 1;
TRUNCATE events;
SELECT sum(result::int) AS rows_in_shards FROM run_command_on_placements('events', 'SELECT count(*) FROM %s');
DROP TABLE events;
SELECT count(*) AS events_tables_left FROM pg_dist_partition WHERE logicalrelid::text LIKE 'events%';

-- a node that holds the only placement of a shard can be neither disabled nor removed
SELECT citus_disable_node('127.0.0.1', :worker_2_port);
SELECT citus_remove_node('127.0.0.1', :worker_2_port);

-- TRUNCATE reaches the shards, of distributed and reference tables alike
TRUNCATE items;
SELECT sum(result::int) AS rows_in_shards FROM run_command_on_placements('items', 'SELECT count(*) FROM %s');
TRUNCATE countries;
SELECT nodeport, result FROM run_command_on_placements('countries', 'SELECT count(*) FROM %s') ORDER BY nodeport;

-- DROP TABLE takes the shards along on every node, and the metadata
DROP TABLE items, countries;
SELECT count(*) AS shards_left FROM pg_dist_shard WHERE logicalrelid::oid NOT IN (SELECT oid FROM pg_class);
SELECT nodeport, result FROM run_command_on_all_nodes($$SELECT count(*) FROM pg_class
  WHERE relname ~ '^(items|countries)_[0-9]+$'$$) r JOIN pg_dist_node n USING (nodeid) ORDER BY nodeport;

DROP TABLE orders, audits, notes, by_int4, by_int8, by_text, by_uuid, plain, int_keyed, with_null,
    while_down, hash_vectors, hash_vector_lines;

-- a node activated later receives its copy of the reference tables (seed:
-- master_add_inactive_node only registers, master_activate_node replicates)
SELECT citus_remove_node('127.0.0.1', :worker_2_port);
SELECT 1 FROM citus_add_inactive_node('127.0.0.1', :worker_2_port);
SELECT count(*) AS placements_while_inactive FROM pg_dist_placement p JOIN pg_dist_shard s USING (shardid)
 WHERE s.logicalrelid = 'currencies'::regclass;
SELECT 1 FROM citus_activate_node('127.0.0.1', :worker_2_port);
SELECT nodeport, result FROM run_command_on_placements('currencies',
  'SELECT string_agg(code, '','' ORDER BY code) FROM %s') ORDER BY nodeport;

-- a type whose hash function takes another type: date hashes with hashint4, as its number
-- of days since 2000-01-01, which SQL cannot call on a date; worker_hash calls it as Citus does
SELECT worker_hash('2000-01-11'::date) = worker_hash(10) AS a_date_hashes_as_its_days;
CREATE TABLE by_day (day date, note text);
INSERT INTO by_day SELECT d, 'day ' || extract(day FROM d) FROM generate_series(date '2026-01-01', date '2026-01-20', interval '1 day') d;
SELECT create_distributed_table('by_day', 'day');
SELECT count(*) AS rows_in_shards,
       count(*) FILTER (WHERE get_shard_id_for_distribution_column('by_day', d) = p.shardid) AS in_the_shard_for_their_day
  FROM run_command_on_placements('by_day', 'SELECT coalesce(string_agg(day::text, '',''), '''') FROM %s') p,
       unnest(string_to_array(p.result, ',')) d;
INSERT INTO by_day VALUES ('2026-02-01', 'later');
SELECT * FROM by_day WHERE day = '2026-01-05';
SELECT * FROM by_day WHERE day = '2026-02-01';
DROP TABLE by_day;

-- clean up, so that the suite can run again
DROP TABLE currencies;
DROP FUNCTION stop_node(text), start_node(text);
SELECT count(*) AS distributed_tables_left FROM pg_dist_partition;
