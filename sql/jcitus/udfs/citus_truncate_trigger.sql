-- TRUNCATE of a distributed or reference table truncates its shards: every Citus table
-- gets an AFTER TRUNCATE trigger (truncate_trigger) that calls this.
CREATE FUNCTION citus_internal.citus_truncate_trigger()
    RETURNS trigger
    LANGUAGE pljvm
    AS 'org.jcitus.hooks.TruncateHook.onTruncate';
