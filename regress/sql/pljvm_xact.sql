-- pljvm: Java transaction listeners hear pre-commit, commit, abort and subtransaction
-- abort; an exception in pre-commit aborts the transaction.
CREATE SCHEMA pljvm_xact;
SET search_path = pljvm_xact;
CREATE TABLE items (a int);
CREATE FUNCTION record_events() RETURNS void LANGUAGE pljvm AS 'org.jcitus.regress.Listeners.record';
CREATE FUNCTION stop_recording() RETURNS void LANGUAGE pljvm AS 'org.jcitus.regress.Listeners.stop';
CREATE FUNCTION events() RETURNS text[] LANGUAGE pljvm AS 'org.jcitus.regress.Listeners.events';
CREATE FUNCTION veto_next_commit() RETURNS void LANGUAGE pljvm AS 'org.jcitus.regress.Listeners.vetoNextCommit';

-- (each statement outside BEGIN is a transaction of its own, and is heard too)
SELECT record_events();
SELECT events();
BEGIN;
INSERT INTO items VALUES (1);
COMMIT;
SELECT events();
BEGIN;
INSERT INTO items VALUES (2);
ROLLBACK;
SELECT events();
BEGIN;
SAVEPOINT s;
INSERT INTO items VALUES (3);
ROLLBACK TO SAVEPOINT s;
COMMIT;
SELECT events();
-- a listener that throws in pre-commit turns COMMIT into an abort
BEGIN;
INSERT INTO items VALUES (4);
SELECT veto_next_commit();
COMMIT;
SELECT events();
SELECT a FROM items ORDER BY a;
SELECT stop_recording();
SELECT events();

SET client_min_messages = warning;
DROP SCHEMA pljvm_xact CASCADE;
