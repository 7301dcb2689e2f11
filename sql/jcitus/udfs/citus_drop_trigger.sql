-- DROP TABLE of a distributed or reference table drops its shards on every node.
CREATE FUNCTION citus_internal.citus_drop_trigger()
    RETURNS event_trigger
    LANGUAGE pljvm
    AS 'org.jcitus.hooks.DropHook.onSqlDrop';
CREATE EVENT TRIGGER citus_cascade_to_partition
    ON sql_drop
    EXECUTE FUNCTION citus_internal.citus_drop_trigger();
