-- pljvm: after a backend called System.exit and one was terminated, the server kept
-- running without a crash restart.
SELECT started = pg_postmaster_start_time() AS no_restart FROM pljvm_exit_witness;
DROP TABLE pljvm_exit_witness;
DROP FUNCTION pljvm_exit(int);
DROP FUNCTION pljvm_exit_from_thread(int);
SET client_min_messages = warning;
DROP SCHEMA pljvm_interrupts CASCADE;
