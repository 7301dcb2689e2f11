-- insert_select: INSERT .. SELECT into a distributed table whose SELECT reads no Citus
-- table (generate_series, VALUES, local tables) runs the SELECT on the coordinator, with
-- the column defaults, assignment casts and volatile functions computed there once per
-- row, and sends each row to its shard with the statement's ON CONFLICT and RETURNING.
-- A SELECT that reads Citus tables runs as a distributed query of its own: a router query
-- (every distributed table pinned to one shard group), or one on every shard of one table
-- whose rows simply add up; or, between colocated tables, pushed down to each shard group.
-- (EXPLAIN here shows the plan's line alone: the nodes' own plans follow their statistics)
SET citus.explain_distributed_queries = off;
CREATE TABLE events (id bigserial PRIMARY KEY, tenant int NOT NULL, amount numeric(8,2),
                     note text DEFAULT 'new', at timestamptz DEFAULT now());
SELECT create_distributed_table('events', 'id', shard_count := 4);
CREATE TABLE tenants (id int PRIMARY KEY, name text);
SELECT create_reference_table('tenants');

-- the omitted columns get their defaults here: ids from the coordinator's sequence, the
-- amounts rounded to the column's scale as one server would
INSERT INTO events (tenant, amount) SELECT i % 2, i * 1.005 FROM generate_series(1, 6) i;
SELECT id, tenant, amount, note, at IS NOT NULL AS has_time FROM events WHERE id = 1;
SELECT id, tenant, amount, note, at IS NOT NULL AS has_time FROM events WHERE id = 6;
SELECT sum(result::numeric) AS amounts_in_shards
  FROM run_command_on_placements('events', 'SELECT coalesce(sum(amount), 0) FROM %s');
SELECT sum(round(i * 1.005, 2)) AS amounts_on_one_server FROM generate_series(1, 6) i;
-- each row is in the shard Citus would pick
SELECT k.id, r.shardid = get_shard_id_for_distribution_column('events', k.id) AS right_shard
  FROM run_command_on_placements('events', 'SELECT string_agg(id::text, '','') FROM %s') r
  CROSS JOIN LATERAL unnest(string_to_array(r.result, ',')::bigint[]) AS k(id)
 ORDER BY k.id;

-- RETURNING gives the rows in the SELECT's order, though they went to several shards
INSERT INTO events (id, tenant) SELECT i, 7 FROM generate_series(101, 106) i RETURNING id, tenant, note;
-- ON CONFLICT: DO NOTHING skips the rows that exist, DO UPDATE updates them on their shard
INSERT INTO events (id, tenant) SELECT i, 8 FROM generate_series(105, 108) i ON CONFLICT DO NOTHING
  RETURNING id, tenant;
INSERT INTO events (id, tenant, amount) SELECT i, 9, 1 FROM generate_series(107, 109) i
  ON CONFLICT (id) DO UPDATE SET amount = coalesce(events.amount, 0) + EXCLUDED.amount + 1
  RETURNING id, tenant, amount;

-- from a local table, a VALUES list, the statement's CTE
CREATE TABLE staged (id bigint, tenant int);
INSERT INTO staged VALUES (201, 1), (202, 2);
INSERT INTO events (id, tenant) SELECT id, tenant FROM staged RETURNING id, tenant;
-- a local table with a reference table: read here, from this node's copy
INSERT INTO tenants VALUES (101, 'staged tenant');
INSERT INTO events (id, tenant, note) SELECT s.id + 700, s.tenant, t.name FROM staged s
  JOIN tenants t ON t.id = s.tenant + 100 RETURNING id, tenant, note;
DELETE FROM tenants WHERE id = 101;
INSERT INTO events (id, tenant) SELECT * FROM (VALUES (203, 3), (204, 4)) v(id, tenant) RETURNING id, tenant;
WITH w AS (SELECT 205 AS id) INSERT INTO events (id, tenant) SELECT id, 5 FROM w RETURNING id, tenant;
-- parameters, also in the generic plan from the sixth execution on; EXPLAIN runs nothing
PREPARE insert_range(bigint, int) AS
  INSERT INTO events (id, tenant) SELECT i, $2 FROM generate_series($1, $1 + 1) i RETURNING id, tenant;
EXECUTE insert_range(301, 1);
EXECUTE insert_range(311, 2);
EXECUTE insert_range(321, 3);
EXECUTE insert_range(331, 4);
EXECUTE insert_range(341, 5);
EXECUTE insert_range(351, 6);
EXECUTE insert_range(361, 7);
EXPLAIN (COSTS OFF) EXECUTE insert_range(401, 1);
SELECT count(*) AS explained_rows FROM events WHERE id = 401;
DEALLOCATE insert_range;

-- more rows than one statement takes (a thousand): several statements per shard
INSERT INTO events (id, tenant) SELECT i, 1 FROM generate_series(10001, 15000) i;
SELECT sum(result::int) AS many_rows
  FROM run_command_on_placements('events', 'SELECT count(*) FROM %s WHERE id BETWEEN 10001 AND 15000');

-- the SELECT is read 50,000 rows at a time, each batch sent before the next is read: a
-- row failing in the last batch leaves none of the earlier batches' rows either
INSERT INTO events (id, tenant) SELECT i, 1 FROM generate_series(100001, 160000) i UNION ALL SELECT 101, 1;
SELECT sum(result::int) AS rows_left
  FROM run_command_on_placements('events', 'SELECT count(*) FROM %s WHERE id BETWEEN 100001 AND 160000');
INSERT INTO events (id, tenant) SELECT i, 1 FROM generate_series(100001, 160000) i;
SELECT sum(result::int) AS many_rows
  FROM run_command_on_placements('events', 'SELECT count(*) FROM %s WHERE id BETWEEN 100001 AND 160000');

-- one statement: a row that fails on its shard (a duplicate key) leaves none of the rows
-- on any shard; an error in the SELECT sends nothing
INSERT INTO events (id, tenant) SELECT i, 0 FROM generate_series(501, 510) i UNION ALL SELECT 101, 0;
SELECT sum(result::int) AS rows_left
  FROM run_command_on_placements('events', 'SELECT count(*) FROM %s WHERE id BETWEEN 501 AND 510');
INSERT INTO events (id, tenant, at) SELECT 800 + i, 1 / (i - 3), NULL FROM generate_series(1, 5) i;
SELECT sum(result::int) AS rows_left
  FROM run_command_on_placements('events', 'SELECT count(*) FROM %s WHERE id BETWEEN 801 AND 805');
-- a transaction reads its rows; ROLLBACK undoes them on every node
BEGIN;
INSERT INTO events (id, tenant) SELECT i, 6 FROM generate_series(601, 640) i;
SELECT tenant FROM events WHERE id = 640;
ROLLBACK;
SELECT sum(result::int) AS rows_left
  FROM run_command_on_placements('events', 'SELECT count(*) FROM %s WHERE id BETWEEN 601 AND 640');

-- into a reference table, the statement runs on every copy; what it computes without a
-- row (now()) is computed here, so the copies stay equal
INSERT INTO tenants SELECT i, 't' || i FROM generate_series(1, 3) i;
SELECT nodeport, result FROM run_command_on_placements('tenants',
  'SELECT string_agg(id || '':'' || name, '','' ORDER BY id) FROM %s') ORDER BY nodeport;
CREATE TABLE audit (n int, at timestamptz);
SELECT create_reference_table('audit');
INSERT INTO audit SELECT i, now() + i * interval '1 second' FROM generate_series(1, 3) i;
SELECT count(DISTINCT result) AS copies_alike FROM run_command_on_placements('audit',
  'SELECT string_agg(n || '' '' || at, '','' ORDER BY n) FROM %s');
-- a SELECT that would differ per copy (volatile calls, a local table's rows) runs here
-- once, and every copy gets its rows
INSERT INTO audit SELECT i, clock_timestamp() FROM generate_series(4, 6) i RETURNING n;
INSERT INTO audit SELECT id + 10, NULL FROM staged RETURNING n;
SELECT count(DISTINCT result) AS copies_alike FROM run_command_on_placements('audit',
  'SELECT string_agg(n || '' '' || coalesce(at::text, ''-''), '','' ORDER BY n) FROM %s');

-- from Citus tables: a router query gives the rows (a reference table is read here, a
-- distributed one on the node of its pinned shard, in the transaction if it wrote there)
INSERT INTO events (id, tenant, note) SELECT id + 1000, id, name FROM tenants ORDER BY id RETURNING id, tenant, note;
INSERT INTO events (id, tenant, note) SELECT e.id + 2000, e.tenant, t.name FROM events e
  JOIN tenants t ON t.id = e.tenant WHERE e.id = 1 RETURNING id, tenant, note;
PREPARE copy_event(bigint) AS
  INSERT INTO events (id, tenant, amount) SELECT id + 3000, tenant, amount FROM events WHERE id = $1 RETURNING id, amount;
EXECUTE copy_event(1);
EXECUTE copy_event(2);
EXECUTE copy_event(3);
EXECUTE copy_event(4);
EXECUTE copy_event(5);
EXECUTE copy_event(6);
EXPLAIN (COSTS OFF) EXECUTE copy_event(1);
-- one distributed table read on every shard, whose rows simply add up; the defaults the
-- statement computes once (now()) are computed here, for every node alike
CREATE TABLE events_copy (id bigint PRIMARY KEY, tenant int, at timestamptz DEFAULT now());
SELECT create_distributed_table('events_copy', 'id', shard_count := 3);
INSERT INTO events_copy (id, tenant) SELECT id, tenant FROM events WHERE tenant = 7;
SELECT sum(result::int) AS copied FROM run_command_on_placements('events_copy', 'SELECT count(*) FROM %s');
SELECT count(DISTINCT result) AS one_time FROM run_command_on_placements('events_copy',
  'SELECT coalesce(min(at)::text, ''none'') FROM %s') WHERE result <> 'none';
EXPLAIN (COSTS OFF) INSERT INTO events_copy (id, tenant) SELECT id, tenant FROM events WHERE tenant = 7;
-- into a reference table from a distributed one: the rows come here and go to every copy
INSERT INTO audit SELECT id, at FROM events_copy WHERE id > 105;
SELECT nodeport, result FROM run_command_on_placements('audit',
  'SELECT string_agg(n::text, '','' ORDER BY n) FROM %s WHERE n > 100') ORDER BY nodeport;
-- between colocated tables, when each row stays in the shard group it comes from (the
-- target's distribution column is the source's, the SELECT groups by it if it
-- aggregates), the statement runs as it is on each shard group: no row passes through
-- the coordinator
CREATE TABLE events_by_tenant (tenant int, id bigint, amount numeric(8,2), PRIMARY KEY (tenant, id));
SELECT create_distributed_table('events_by_tenant', 'tenant', shard_count := 4);
INSERT INTO events_by_tenant SELECT i % 5, i, i FROM generate_series(1, 40) i;
CREATE TABLE tenant_totals (tenant int PRIMARY KEY, total numeric, events bigint);
SELECT create_distributed_table('tenant_totals', 'tenant', colocate_with := 'events_by_tenant');
EXPLAIN (COSTS OFF) INSERT INTO tenant_totals SELECT tenant, sum(amount), count(*) FROM events_by_tenant GROUP BY tenant;
INSERT INTO tenant_totals SELECT tenant, sum(amount), count(*) FROM events_by_tenant GROUP BY tenant;
INSERT INTO tenant_totals SELECT tenant, sum(amount), count(*) FROM events_by_tenant WHERE id > 30 GROUP BY tenant
  ON CONFLICT (tenant) DO UPDATE SET total = tenant_totals.total + EXCLUDED.total, events = tenant_totals.events + 1;
SELECT tenant, total, events FROM tenant_totals WHERE tenant = 2;
SELECT tenant, total, events FROM tenant_totals WHERE tenant = 0;
SELECT sum(i), count(*) FROM generate_series(1, 40) i WHERE i % 5 = 2;
SELECT sum(i) FROM generate_series(31, 40) i WHERE i % 5 = 2;
-- colocated tables joined on their distribution columns (inner joins; reference tables
-- too) push down as well; a join on another column, or an outer join, does not
CREATE TABLE tenant_limits (tenant int PRIMARY KEY, max_events int);
SELECT create_distributed_table('tenant_limits', 'tenant', colocate_with := 'events_by_tenant');
INSERT INTO tenant_limits SELECT t, 8 + t FROM generate_series(0, 4) t;
EXPLAIN (COSTS OFF) INSERT INTO tenant_totals (tenant, events)
  SELECT e.tenant, count(*) FROM events_by_tenant e JOIN tenant_limits l ON l.tenant = e.tenant
   WHERE e.id <= l.max_events GROUP BY e.tenant
  ON CONFLICT (tenant) DO UPDATE SET events = EXCLUDED.events;
INSERT INTO tenant_totals (tenant, events)
  SELECT e.tenant, count(*) FROM events_by_tenant e JOIN tenant_limits l ON l.tenant = e.tenant
   WHERE e.id <= l.max_events GROUP BY e.tenant
  ON CONFLICT (tenant) DO UPDATE SET events = EXCLUDED.events;
SELECT tenant, events FROM tenant_totals WHERE tenant = 3;
SELECT count(*) FROM generate_series(1, 11) i WHERE i % 5 = 3;
INSERT INTO tenant_totals (tenant, events)
  SELECT e.tenant, e.id FROM events_by_tenant e JOIN tenant_limits l ON l.max_events = e.tenant;
INSERT INTO tenant_totals (tenant, events)
  SELECT l.tenant, e.id FROM tenant_limits l LEFT JOIN events_by_tenant e ON e.tenant = l.tenant;
DROP TABLE tenant_limits;
-- a column that is not the source's distribution column, or aggregates that do not group
-- by it: the rows go through the coordinator (or are refused)
EXPLAIN (COSTS OFF) INSERT INTO tenant_totals (tenant, total) SELECT tenant + 10, amount FROM events_by_tenant;
INSERT INTO tenant_totals (tenant, total) SELECT tenant + 10, amount FROM events_by_tenant WHERE id = 7;
SELECT tenant, total FROM tenant_totals WHERE tenant = 12;
INSERT INTO tenant_totals (tenant, total) SELECT min(tenant), sum(amount) FROM events_by_tenant GROUP BY id % 2;
BEGIN;
INSERT INTO events (id, tenant) VALUES (4001, 4);
INSERT INTO events (id, tenant) SELECT id + 1, tenant FROM events WHERE id = 4001 RETURNING id, tenant;
ROLLBACK;
SELECT count(*) AS rolled_back FROM events WHERE id = 4002;

-- errors that change nothing
INSERT INTO events (id, tenant) SELECT NULL, 1;
CREATE TABLE tagged (id int PRIMARY KEY, tags text[]);
SELECT create_distributed_table('tagged', 'id', shard_count := 2);
INSERT INTO tagged (id, tags[1]) SELECT i, 'first' FROM generate_series(1, 2) i;
DROP TABLE tagged;
INSERT INTO events_copy (id, tenant) SELECT tenant, count(*) FROM events GROUP BY tenant;
INSERT INTO events_copy (id, tenant) SELECT id + 100000, tenant FROM events ORDER BY id LIMIT 2;
INSERT INTO events (id, tenant) SELECT e.id + 100000, e.tenant FROM events e JOIN events_copy c ON c.id = e.id;
INSERT INTO events (id, tenant) SELECT 5000, 1 RETURNING (SELECT count(*) FROM tenants);
SELECT sum(result::int) AS all_rows FROM run_command_on_placements('events', 'SELECT count(*) FROM %s');

DROP TABLE events, tenants, staged, audit, events_copy, events_by_tenant, tenant_totals;

-- into a local table, the rows of Citus tables come here and are inserted locally: its
-- own defaults (a serial), triggers, ON CONFLICT and RETURNING apply as on one server
CREATE TABLE orders (id bigint PRIMARY KEY, region int, amount numeric, note text);
SELECT create_distributed_table('orders', 'id');
CREATE TABLE regions (region int PRIMARY KEY, name text);
SELECT create_reference_table('regions');
INSERT INTO orders SELECT i, i % 3, i * 10, 'order ' || i FROM generate_series(1, 30) i;
INSERT INTO regions VALUES (0, 'north'), (1, 'south'), (2, 'east');
CREATE TABLE report (line bigserial PRIMARY KEY, order_id bigint UNIQUE, region_name varchar(5),
                     amount numeric(6,1), made text DEFAULT 'by default');
CREATE FUNCTION report_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.made := NEW.made || ' and trigger';
  RETURN NEW;
END $$;
CREATE TRIGGER report_note BEFORE INSERT ON report FOR EACH ROW EXECUTE FUNCTION report_note();
EXPLAIN (COSTS OFF) INSERT INTO report (order_id, amount) SELECT id, amount FROM orders;
INSERT INTO report (amount, order_id) SELECT amount, id FROM orders WHERE id = 7 RETURNING *;
INSERT INTO report (order_id, amount) SELECT id, amount FROM orders WHERE id <> 7;
SELECT count(*), count(DISTINCT line), min(made), sum(amount) FROM report;
INSERT INTO report (order_id, region_name) SELECT o.id, r.name FROM orders o JOIN regions r USING (region)
  WHERE o.id = 8 ON CONFLICT (order_id) DO UPDATE SET region_name = excluded.region_name RETURNING order_id, region_name;
-- reference tables with a copy here are read here, with the local table in the same SELECT
CREATE TABLE wanted (region int);
INSERT INTO wanted VALUES (1), (2);
INSERT INTO report (order_id, region_name) SELECT -r.region, r.name FROM regions r JOIN wanted w USING (region)
  RETURNING order_id, region_name;
BEGIN;
INSERT INTO report (order_id) SELECT id + 100 FROM orders;
SELECT count(*) FROM report;
ROLLBACK;
SELECT count(*) FROM report;
-- an assignment checks lengths as on one server, wherever the SELECT runs: a value too
-- long for varchar(5) fails rather than being cut (it was cut when the SELECT ran on
-- the nodes), into a local table and into distributed ones alike
INSERT INTO report (order_id, region_name) SELECT id + 200, note FROM orders WHERE id = 9;
CREATE TABLE order_notes (id bigint, note varchar(5));
SELECT create_distributed_table('order_notes', 'id', colocate_with := 'orders');
INSERT INTO order_notes SELECT id, note FROM orders WHERE id = 9;
INSERT INTO order_notes SELECT id, note FROM orders;
INSERT INTO order_notes SELECT id + 1, note FROM orders WHERE id = 9;
INSERT INTO order_notes SELECT id, note::varchar(5) FROM orders WHERE id = 9 RETURNING *;
-- not yet: a local table in the SELECT with a distributed one, or a SELECT across shards
-- that aggregates
INSERT INTO report (order_id) SELECT o.id FROM orders o JOIN wanted w ON w.region = o.region;
INSERT INTO report (order_id) SELECT count(*) FROM orders;
-- into Citus tables, the volatile defaults of omitted columns (a serial's nextval, a
-- random uuid) are computed here, a value per row in the SELECT's order, however the
-- SELECT runs: the nodes have no such sequence (a router SELECT failed there, one on
-- every shard was refused), and each copy of a reference table would compute its own
CREATE TABLE numbered (id bigserial, k bigint, u uuid DEFAULT gen_random_uuid());
SELECT create_distributed_table('numbered', 'id');
INSERT INTO numbered (k) SELECT id FROM orders WHERE id = 5 RETURNING id, k, u IS NOT NULL AS has_uuid;
INSERT INTO numbered (k) SELECT id FROM orders;
-- rows go to the shard of the value computed here
SELECT id, k FROM numbered WHERE id = 31;
SELECT sum(result::int) AS all_rows FROM run_command_on_placements('numbered', 'SELECT count(DISTINCT id) FROM %s');
CREATE TABLE numbered_copies (id serial PRIMARY KEY, k bigint);
SELECT create_reference_table('numbered_copies');
INSERT INTO numbered_copies (k) SELECT id FROM orders WHERE id = 6 RETURNING *;
INSERT INTO numbered_copies (k) SELECT id FROM orders;
SELECT count(DISTINCT result) AS different_copies, min(length(result)) > 0 AS filled
  FROM run_command_on_placements('numbered_copies', 'SELECT string_agg(id || '':'' || k, '','' ORDER BY id) FROM %s');
DROP TABLE orders, regions, report, wanted, order_notes, numbered, numbered_copies;
DROP FUNCTION report_note();

-- a read across shards streams: a SELECT or COPY TO of more rows than the backend's JVM
-- could hold at once (its heap is 256 MB) starts every shard's read as a portal on its
-- node and hands the rows over as they are read (the INSERT .. SELECT that fills the
-- table reads its SELECT in batches)
CREATE TABLE wide (id bigint PRIMARY KEY, pad text);
SELECT create_distributed_table('wide', 'id', shard_count := 8);
INSERT INTO wide SELECT i, repeat(md5(i::text), 3) FROM generate_series(1, 1200000) i;
COPY (SELECT id, pad FROM wide) TO '/dev/null';
-- a shard's read that fails while the rows are read fails the statement with its own error
SELECT id FROM wide WHERE 1 / (id - 1200000) < 0 AND id > 1199990;
-- within a transaction it reads all at once: a loop's writes must not show in its rows
-- (each row read here adds one the loop would read again if later shards were read later)
CREATE TABLE looped (id bigint PRIMARY KEY);
SELECT create_distributed_table('looped', 'id', shard_count := 8);
INSERT INTO looped SELECT i FROM generate_series(1, 40) i;
DO $$
DECLARE
  r record;
  n int := 0;
BEGIN
  FOR r IN SELECT id FROM looped LOOP
    INSERT INTO looped VALUES (r.id + 1000);
    n := n + 1;
  END LOOP;
  RAISE NOTICE 'rows read by the loop: %', n;
END $$;
BEGIN;
DECLARE wide_rows CURSOR FOR SELECT id FROM wide WHERE id % 100000 = 0;
FETCH 2 FROM wide_rows;
CLOSE wide_rows;
COMMIT;
-- within a transaction, every shard's read starts at once as a portal on its node and
-- hands over its rows 2000 at a time as they are read: a COPY TO of more rows than the
-- heap holds works inside BEGIN too
BEGIN;
COPY (SELECT id, pad FROM wide) TO '/dev/null';
COMMIT;
-- a portal that fails in a later fetch fails the statement with the node's error
BEGIN;
COPY (SELECT id, 1 / (id - 1199990) FROM wide) TO '/dev/null';
ROLLBACK;
-- and a portal reads from the snapshot it started with: rows written after it started
-- do not show in its later fetches (2500 rows a shard, more than a fetch: the cursor
-- fetches again after its INSERT, the loop after its own inserts; with two shards a
-- node, a read that ran the second shard after the first had been read would show them too)
CREATE TABLE looped_long (id bigint PRIMARY KEY);
SELECT create_distributed_table('looped_long', 'id', shard_count := 4);
INSERT INTO looped_long SELECT i FROM generate_series(1, 10000) i;
DO $$
DECLARE
  c refcursor;
  r record;
  n int := 0;
BEGIN
  OPEN c FOR SELECT id FROM looped_long;
  FETCH c INTO r;
  INSERT INTO looped_long SELECT i FROM generate_series(20001, 30000) i;
  WHILE FOUND LOOP
    n := n + 1;
    FETCH c INTO r;
  END LOOP;
  RAISE NOTICE 'rows read by the cursor: %', n;
END $$;
DO $$
DECLARE
  r record;
  n int := 0;
BEGIN
  FOR r IN SELECT id FROM looped_long LOOP
    IF r.id % 10 = 0 THEN
      INSERT INTO looped_long VALUES (r.id + 100000);
    END IF;
    n := n + 1;
  END LOOP;
  RAISE NOTICE 'rows read by the loop: %', n;
END $$;
-- an INSERT .. SELECT that reads its target reads it through portals too: it does not
-- read the rows it inserts
INSERT INTO looped_long SELECT id + 1000000 FROM looped_long;
SELECT sum(result::int) AS all_rows FROM run_command_on_placements('looped_long', 'SELECT count(*) FROM %s');
DROP TABLE wide, looped, looped_long;
