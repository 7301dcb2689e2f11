-- pljvm: System.exit in Java ends that backend only; the server does not restart and
-- other sessions go on. (The check is in pljvm_after_exit, run next.)
CREATE TABLE pljvm_exit_witness AS SELECT pg_postmaster_start_time() AS started;
CREATE FUNCTION pljvm_exit(int) RETURNS void LANGUAGE pljvm AS 'org.jcitus.regress.Waits.exit';
SELECT pljvm_exit(3);
