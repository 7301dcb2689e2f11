-- pljvm: event triggers written in Java see the event, the command tag and the exact text
-- of the statement, also when it came in a multi-statement query string.
CREATE SCHEMA pljvm_triggers;
SET search_path = pljvm_triggers;
CREATE TABLE ddl_log (id serial, event text, tag text, statement text);
CREATE FUNCTION log_ddl() RETURNS event_trigger LANGUAGE pljvm AS 'org.jcitus.regress.Triggers.log';
CREATE EVENT TRIGGER java_log_end ON ddl_command_end EXECUTE FUNCTION log_ddl();
CREATE EVENT TRIGGER java_log_drop ON sql_drop EXECUTE FUNCTION log_ddl();

CREATE TABLE t1 (a int);
-- two statements in one query string (psql sends the \; separated ones together)
CREATE TABLE t2 (b int) \; ALTER TABLE t1 ADD COLUMN c text  \;   CREATE INDEX ON t2 (b);
DROP TABLE t1;
SELECT event, tag, statement FROM ddl_log ORDER BY id;

-- outside of a utility statement there is no statement text
SELECT pljvm.current_statement() IS NULL AS no_statement;

-- an event trigger that throws stops the command
DROP EVENT TRIGGER java_log_end;
DROP EVENT TRIGGER java_log_drop;
CREATE FUNCTION refuse_ddl() RETURNS event_trigger LANGUAGE pljvm AS 'org.jcitus.regress.Triggers.refuse';
CREATE EVENT TRIGGER java_refuse ON ddl_command_start WHEN TAG IN ('CREATE VIEW') EXECUTE FUNCTION refuse_ddl();
CREATE VIEW v AS SELECT 1 AS one;
SELECT count(*) AS views FROM pg_views WHERE viewname = 'v' AND schemaname = 'pljvm_triggers';
DROP EVENT TRIGGER java_refuse;
-- an event trigger function needs a method that takes EventTriggerData
CREATE FUNCTION wrong_trigger() RETURNS event_trigger LANGUAGE pljvm AS 'org.jcitus.regress.Types.echo';

-- statement-level triggers written in Java, TRUNCATE among their events
CREATE TABLE watched (a int);
CREATE FUNCTION log_statement_trigger() RETURNS trigger LANGUAGE pljvm AS 'org.jcitus.regress.Triggers.logStatement';
CREATE TRIGGER after_truncate AFTER TRUNCATE ON watched FOR EACH STATEMENT EXECUTE FUNCTION log_statement_trigger();
CREATE TRIGGER before_insert BEFORE INSERT ON watched FOR EACH STATEMENT EXECUTE FUNCTION log_statement_trigger();
INSERT INTO watched VALUES (1), (2);
TRUNCATE watched;
SELECT event, tag, statement FROM ddl_log WHERE event LIKE 'trigger%' ORDER BY id;

SET client_min_messages = warning;
DROP SCHEMA pljvm_triggers CASCADE;
