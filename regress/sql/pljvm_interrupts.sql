-- pljvm: a cancel, a statement timeout or a terminate reaches Java code that waits, on a
-- sleep or on a statement running on another node, within a second; the backend stays
-- usable after a cancel.
CREATE SCHEMA pljvm_interrupts;
SET search_path = pljvm_interrupts;
CREATE FUNCTION java_sleep(bigint) RETURNS void LANGUAGE pljvm AS 'org.jcitus.regress.Waits.sleep';
CREATE FUNCTION remote_sleep(int, float8) RETURNS void LANGUAGE pljvm AS 'org.jcitus.regress.Waits.remoteSleep';
CREATE FUNCTION last_wait_within(bigint) RETURNS bool LANGUAGE pljvm AS 'org.jcitus.regress.Waits.lastWaitWithin';
CREATE FUNCTION after_delay(int, bigint, text) RETURNS void LANGUAGE pljvm AS 'org.jcitus.regress.Waits.afterDelay';

-- statement_timeout ends a Java sleep
SET statement_timeout = '300ms';
SELECT java_sleep(60000);
RESET statement_timeout;
SELECT last_wait_within(1300) AS ended_within_a_second;
-- pg_cancel_backend from another session ends a Java sleep
SELECT after_delay(:master_port, 300, format('SELECT pg_cancel_backend(%s)', pg_backend_pid()));
SELECT java_sleep(60000);
SELECT last_wait_within(1300) AS ended_within_a_second;
-- ... and a statement Java runs on a worker through pgjdbc
SELECT after_delay(:master_port, 300, format('SELECT pg_cancel_backend(%s)', pg_backend_pid()));
SELECT remote_sleep(:worker_1_port, 60);
SELECT last_wait_within(1300) AS ended_within_a_second;
-- the remote statement was cancelled too, not left running on the worker
SELECT pg_sleep(0.2);
\c - - - :worker_1_port
SELECT count(*) AS remote_sleeps_left FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(60%';
\c - - - :master_port
SET search_path = pljvm_interrupts;
-- the backend is usable after a cancel
SELECT java_sleep(1);
SELECT last_wait_within(1000) AS short_sleep_done;
-- pg_terminate_backend ends the session (the last step of this file)
SELECT after_delay(:master_port, 300, format('SELECT pg_terminate_backend(%s)', pg_backend_pid()));
SELECT java_sleep(60000);
