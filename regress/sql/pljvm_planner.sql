-- pljvm: the planner bridge. Queries on relations a Java planner registered are offered to
-- it, as PostgreSQL deparses them; if it takes one, the rows come from Java (a CustomScan).
CREATE TABLE planned_by_java (id int, note text);
INSERT INTO planned_by_java VALUES (100, 'a local row');
-- without pljvm.planner_init, PostgreSQL plans as always
SELECT id, note FROM planned_by_java;
\c
SET pljvm.planner_init = 'org.jcitus.regress.Planner.init';
-- (this planner keeps no catalog of its relations: no pljvm.planner_catalog to check first)
SET pljvm.planner_catalog = '';
SELECT id, note FROM planned_by_java WHERE id = 5;
-- views are expanded before Java sees the query
CREATE VIEW planned_view AS SELECT id, note FROM planned_by_java WHERE id > 0;
SELECT * FROM planned_view;
-- a query the planner declines is planned by PostgreSQL
SELECT id, note FROM planned_by_java WHERE note <> 'decline';
-- parameters: $n in the text, their types, and their values at execution
PREPARE by_id(int, text) AS SELECT id, note FROM planned_by_java WHERE id = $1 AND note = $2;
EXECUTE by_id(7, 'x');
EXECUTE by_id(8, 'y');
-- what the query computes without reading a row is computed here at execution and handed
-- over as the last parameters: expressions over parameters, and stable calls (now(), a
-- concatenation with a number); volatile calls too where they run once per execution (an
-- INSERT's VALUES: nextval), but elsewhere they run once per row and stay in the text, as
-- do column references, subqueries and an explicit COLLATE. Immutable expressions over
-- constants alone become constants, as PostgreSQL's planner folds them
CREATE SEQUENCE planned_seq;
PREPARE computed(int) AS SELECT id, note FROM planned_by_java
  WHERE id = $1 * 2 AND note <> upper('x') AND now() > '2000-01-01';
EXECUTE computed(21);
SELECT id, note FROM planned_by_java
  WHERE id > length(note) + 1 AND note = 'a' COLLATE "C" AND random() < 2 AND id IN (SELECT 1 + 1);
INSERT INTO planned_by_java VALUES (nextval('planned_seq'), 'row ' || 1), (nextval('planned_seq'), lower('ROW'))
  RETURNING id, note;
UPDATE planned_by_java SET note = random()::text WHERE id = abs(-3) RETURNING id, note;
-- arrays and composites come as their text, every dimension and bound kept
PREPARE arrays(int[]) AS SELECT id, note FROM planned_by_java WHERE id = ANY ($1);
EXECUTE arrays('{{1,2},{3,4}}');
EXECUTE arrays('[0:1]={5,6}');
-- EXPLAIN computes nothing
EXPLAIN (COSTS OFF) INSERT INTO planned_by_java VALUES (nextval('planned_seq'), 'x');
SELECT last_value FROM planned_seq;
DROP SEQUENCE planned_seq;
-- EXPLAIN shows what Java says of its plan
EXPLAIN (COSTS OFF) SELECT id, note FROM planned_by_java WHERE id = 5;
-- queries on other tables are not offered
SELECT count(*) FROM pg_class WHERE relname = 'planned_by_java';
-- a table that becomes the planner's in another session is known here at once: any
-- relcache invalidation makes the session register its relations again
CREATE FUNCTION in_other_session(int, text) RETURNS void LANGUAGE pljvm AS 'org.jcitus.regress.Waits.inOtherSession';
SELECT in_other_session(:master_port, 'CREATE TABLE planned_later (id int, note text)');
SELECT id, note FROM planned_later;
DROP TABLE planned_later;
DROP FUNCTION in_other_session(int, text);
-- while pljvm.planner_catalog names a table that is missing or empty, pljvm.planner_init
-- is not run at all (the session starts no JVM for it): not even a bad one fails
\c
SET pljvm.planner_init = 'org.jcitus.regress.NoSuchPlanner.init';
SET pljvm.planner_catalog = 'public.no_such_catalog';
SELECT id, note FROM planned_by_java;
CREATE TABLE planner_catalog (relid oid);
SET pljvm.planner_catalog = 'public.planner_catalog';
SELECT id, note FROM planned_by_java;
-- a catalog that lists relations by OID: pljvm.planner_init runs only once a statement uses
-- one of them; queries (and COPY) on other tables start no JVM
CREATE TABLE not_listed (id int);
INSERT INTO planner_catalog VALUES ('planner_catalog'::regclass);
SELECT id, note FROM planned_by_java;
COPY not_listed FROM STDIN;
1
\.
SELECT count(*) FROM not_listed;
-- a bad pljvm.planner_init is reported when a session first plans a query on a listed table
-- (a relcache invalidation makes the session read the catalog again)
INSERT INTO planner_catalog VALUES ('planned_by_java'::regclass);
ALTER TABLE planner_catalog ADD COLUMN note text;
SELECT id, note FROM planned_by_java;
-- and for COPY into it
\c
SET pljvm.planner_init = 'org.jcitus.regress.NoSuchPlanner.init';
SET pljvm.planner_catalog = 'public.planner_catalog';
COPY not_listed FROM STDIN;
2
\.
COPY planned_by_java (id) FROM STDIN;
3
\.
-- a catalog whose first column is not an OID says nothing of which relations: any
-- relation while it has a row
\c
CREATE TABLE planner_names (name text);
INSERT INTO planner_names VALUES ('planned_by_java');
SET pljvm.planner_init = 'org.jcitus.regress.NoSuchPlanner.init';
SET pljvm.planner_catalog = 'public.planner_names';
SELECT count(*) FROM not_listed;
RESET pljvm.planner_catalog;
DROP TABLE planner_names, not_listed;
RESET pljvm.planner_catalog;
DROP TABLE planner_catalog;
RESET pljvm.planner_init;
DROP VIEW planned_view;
DROP TABLE planned_by_java;
