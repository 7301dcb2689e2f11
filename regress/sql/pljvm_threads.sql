-- pljvm: only the backend's thread may enter PostgreSQL; other Java threads get a clear
-- exception and the backend stays healthy. pgjdbc works from many threads at once.
CREATE SCHEMA pljvm_threads;
SET search_path = pljvm_threads;
CREATE FUNCTION other_thread_enters_backend() RETURNS text LANGUAGE pljvm AS 'org.jcitus.regress.Threads.otherThreadEntersBackend';
CREATE FUNCTION remote_from_threads(int, int) RETURNS bigint LANGUAGE pljvm AS 'org.jcitus.regress.Threads.remoteFromThreads';
SELECT other_thread_enters_backend();
SELECT 1 AS backend_still_healthy;
-- eight threads, each with its own pgjdbc connection to a worker, at the same time
SELECT remote_from_threads(:worker_1_port, 8) AS sum_of_answers;
SELECT remote_from_threads(:worker_2_port, 3) AS sum_of_answers;
SET client_min_messages = warning;
DROP SCHEMA pljvm_threads CASCADE;
