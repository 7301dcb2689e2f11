-- pljvm: Java runs SQL in the caller's transaction through jdbc:default:connection (SPI).
-- PostgreSQL's errors reach Java as SQLExceptions with their SQLSTATE, and reach the
-- client unchanged if Java lets them go; savepoints let Java recover.
CREATE SCHEMA pljvm_spi;
SET search_path = pljvm_spi;
CREATE TABLE pairs (key int PRIMARY KEY, value text);
CREATE FUNCTION scalar(text) RETURNS text LANGUAGE pljvm AS 'org.jcitus.regress.Sql.scalar';
CREATE FUNCTION run_update(text) RETURNS bigint LANGUAGE pljvm AS 'org.jcitus.regress.Sql.update';
CREATE FUNCTION insert_pair(text, int, text) RETURNS int LANGUAGE pljvm AS 'org.jcitus.regress.Sql.insertPair';
CREATE FUNCTION rows_of(text, int) RETURNS text[] LANGUAGE pljvm AS 'org.jcitus.regress.Sql.rows';
CREATE FUNCTION failing_statement(text) RETURNS void LANGUAGE pljvm AS 'org.jcitus.regress.Sql.failingStatement';
CREATE FUNCTION recover_with_savepoint(text, text) RETURNS text LANGUAGE pljvm AS 'org.jcitus.regress.Sql.recoverWithSavepoint';
CREATE FUNCTION swallow_then_continue(text) RETURNS text LANGUAGE pljvm AS 'org.jcitus.regress.Sql.swallowThenContinue';
CREATE FUNCTION swallow_and_return(text) RETURNS int LANGUAGE pljvm AS 'org.jcitus.regress.Sql.swallowAndReturn';
CREATE FUNCTION partial_rollback(text) RETURNS bigint LANGUAGE pljvm AS 'org.jcitus.regress.Sql.partialRollback';
CREATE FUNCTION leave_savepoint_open(text) RETURNS int LANGUAGE pljvm AS 'org.jcitus.regress.Sql.leaveSavepointOpen';
CREATE FUNCTION commit_from_java() RETURNS text LANGUAGE pljvm AS 'org.jcitus.regress.Sql.commitFromJava';
-- runs a statement and shows the parts of the error it raised
CREATE FUNCTION show_error(statement text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE state text; message text; detail text; hint text;
BEGIN
  EXECUTE statement;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
                          detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
  RETURN format('%s: %s | detail: %s | hint: %s', state, message, detail, hint);
END $$;

-- statements, parameters and update counts
SELECT insert_pair('pairs', 1, 'one'), insert_pair('pairs', 2, 'two');
SELECT run_update('UPDATE pairs SET value = upper(value)') AS updated;
SELECT run_update('CREATE TABLE made_by_java (a int)') AS utility_count;
SELECT scalar('SELECT count(*) FROM pairs') AS pairs, scalar('SELECT value FROM pairs WHERE key = 2') AS two;
SELECT scalar('SELECT NULL') IS NULL AS null_scalar;
-- metadata and getters, with a parameter whose type the server infers
SELECT unnest(rows_of('SELECT key, value, key * 1.5 AS scaled, ARRAY[key] AS arr FROM pairs WHERE key >= ? ORDER BY key', 1));
SELECT unnest(rows_of('SELECT $1 + 1 AS next, now() IS NOT NULL AS has_time', 41));

-- the caller's transaction: Java sees uncommitted rows and its writes roll back with it
BEGIN;
INSERT INTO pairs VALUES (3, 'three');
SELECT scalar('SELECT value FROM pairs WHERE key = 3') AS sees_uncommitted;
SELECT insert_pair('pairs', 4, 'four');
ROLLBACK;
SELECT key, value FROM pairs ORDER BY key;

-- an SQL error Java lets go reaches the client unchanged: SQLSTATE, message, detail
SELECT failing_statement('INSERT INTO pairs VALUES (1, ''again'')');
SELECT show_error($$SELECT pljvm_spi.failing_statement('INSERT INTO pljvm_spi.pairs VALUES (1, ''again'')')$$);
SELECT show_error($$SELECT pljvm_spi.failing_statement('SELECT 1/0')$$);
SELECT failing_statement('SELECT * FROM no_such_table');
DO $$ BEGIN PERFORM pljvm_spi.failing_statement('SELECT 1/0'); EXCEPTION WHEN division_by_zero THEN RAISE NOTICE 'caught %', SQLSTATE; END $$;
-- raised with detail and hint by plpgsql, seen through Java
CREATE FUNCTION raise_with_hint() RETURNS void LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'custom failure' USING ERRCODE = 'P0042', DETAIL = 'the detail', HINT = 'the hint'; END $$;
SELECT failing_statement('SELECT pljvm_spi.raise_with_hint()');
SELECT show_error($$SELECT pljvm_spi.failing_statement('SELECT pljvm_spi.raise_with_hint()')$$);

-- Java catches the error, rolls back to its savepoint and goes on
SELECT recover_with_savepoint('INSERT INTO pairs VALUES (1, ''dup'')', 'INSERT INTO pairs VALUES (5, ''five'')');
SELECT key, value FROM pairs ORDER BY key;
SELECT partial_rollback('pairs');
SELECT key, value FROM pairs WHERE key >= 100 ORDER BY key;
SELECT leave_savepoint_open('pairs');
SELECT key, value FROM pairs WHERE key >= 200;
-- Java swallows the error without rolling back: its next SQL call is refused, and the
-- error is raised when the function returns
SELECT swallow_then_continue('INSERT INTO pairs VALUES (1, ''dup'')');
SELECT swallow_and_return('INSERT INTO pairs VALUES (1, ''dup'')');
SELECT count(*) AS still_usable FROM pairs;
-- the caller's transaction is not Java's to end
SELECT commit_from_java();

-- Java exceptions reach the client as errors naming the exception
CREATE FUNCTION illegal_state(text) RETURNS int LANGUAGE pljvm AS 'org.jcitus.regress.Errors.illegalState';
CREATE FUNCTION with_sql_state(text, text) RETURNS int LANGUAGE pljvm AS 'org.jcitus.regress.Errors.withSqlState';
CREATE FUNCTION wrapped(text) RETURNS int LANGUAGE pljvm AS 'org.jcitus.regress.Errors.wrapped';
SELECT illegal_state('something broke');
SELECT show_error($$SELECT pljvm_spi.illegal_state('something broke')$$);
SELECT show_error($$SELECT pljvm_spi.with_sql_state('22023', 'bad argument from Java')$$);
SELECT show_error($$SELECT pljvm_spi.with_sql_state('not a state', 'made-up state')$$);
SELECT show_error($$SELECT pljvm_spi.wrapped('the root cause')$$);

-- A result larger than the heap is an error, as often as it happens, and the session goes
-- on: the error reaches Java without a String to spare (a native raising an ERROR there
-- jumped across Java's frames and crashed the server at the next call into Java). Here
-- in a new session whose JVM has a 32 MB heap.
\c -
SET search_path = pljvm_spi;
SELECT set_config('pljvm.vmoptions', current_setting('pljvm.vmoptions') || ' -Xmx32m', false) LIKE '%-Xmx32m' AS small_heap;
SELECT cardinality(rows_of('SELECT repeat(''x'', 100) AS pad FROM generate_series(1, 400000) WHERE $1 > 0', 1));
SELECT cardinality(rows_of('SELECT repeat(''x'', 100) AS pad FROM generate_series(1, 400000) WHERE $1 > 0', 1));
SELECT cardinality(rows_of('SELECT repeat(''x'', 100) AS pad FROM generate_series(1, 400000) WHERE $1 > 0', 1));
SELECT scalar('SELECT ''still here''');
BEGIN;
SELECT scalar('SELECT ''and in a transaction''');
COMMIT;

SET client_min_messages = warning;
DROP SCHEMA pljvm_spi CASCADE;
