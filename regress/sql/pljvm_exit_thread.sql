-- pljvm: System.exit from a thread other than the backend's may not enter PostgreSQL, so
-- it has the backend terminate itself, as pg_terminate_backend would.
CREATE FUNCTION pljvm_exit_from_thread(int) RETURNS void LANGUAGE pljvm AS 'org.jcitus.regress.Waits.exitFromThread';
SELECT pljvm_exit_from_thread(4);
