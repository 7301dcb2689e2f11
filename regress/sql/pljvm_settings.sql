-- pljvm: its settings, read when the session's JVM starts, which happens on first use.
SHOW pljvm.vmoptions;
SELECT current_setting('pljvm.libjvm_location') LIKE '%/libjvm.so' AS libjvm_is_set;
SELECT name, context FROM pg_settings WHERE name LIKE 'pljvm.%' ORDER BY name;
-- a JVM library that is not there: a clear error, and the session can still try another
SET pljvm.libjvm_location = '/nonexistent/libjvm.so';
CREATE FUNCTION pljvm_settings_probe(int) RETURNS int LANGUAGE pljvm AS 'org.jcitus.regress.Types.echo';
RESET pljvm.libjvm_location;
CREATE FUNCTION pljvm_settings_probe(int) RETURNS int LANGUAGE pljvm AS 'org.jcitus.regress.Types.echo';
SELECT pljvm_settings_probe(1);
-- once the JVM runs, its settings cannot change in this session
SET pljvm.classpath = '/tmp';
SET pljvm.vmoptions = '-Xmx1g';
-- setting them to what they are is harmless
SET pljvm.classpath = DEFAULT;
-- only superusers may set them
CREATE ROLE pljvm_settings_user;
SET ROLE pljvm_settings_user;
SET pljvm.vmoptions = '-Xmx1g';
-- the planner's method too; but any role may turn the planner off (nodes' connections do)
SET pljvm.planner_init = 'org.jcitus.regress.Types.echo';
SET pljvm.planner_init = '';
SHOW pljvm.planner_init;
RESET pljvm.planner_init;
-- for its own session only: not for every session of a role or a database
ALTER ROLE pljvm_settings_user SET pljvm.planner_init = '';
RESET ROLE;
DROP ROLE pljvm_settings_user;
DROP FUNCTION pljvm_settings_probe(int);
