-- ALTER TABLE, CREATE INDEX and CREATE TRIGGER on a distributed or reference table would
-- change the coordinator's table and not its shards (jcitus does not propagate DDL yet; a
-- trigger there would not fire for rows on the shards): they are refused, and change
-- nothing. jcitus's own truncate trigger is not concerned. With citus.enable_ddl_propagation off (Citus's switch for
-- DDL the user applies to the shards himself, say with run_command_on_shards) they run.
-- PL/pgSQL, so that DDL on other tables starts no JVM.
CREATE FUNCTION citus_internal.citus_refuse_unpropagated_ddl()
    RETURNS event_trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog
    AS $$
DECLARE
    refused record;
BEGIN
    IF NOT coalesce(nullif(current_setting('citus.enable_ddl_propagation', true), ''), 'on')::bool THEN
        RETURN;
    END IF;
    SELECT c.command_tag, p.logicalrelid INTO refused
      FROM pg_event_trigger_ddl_commands() c
      LEFT JOIN pg_index i ON c.classid = 'pg_class'::regclass AND i.indexrelid = c.objid
      LEFT JOIN pg_trigger t ON c.classid = 'pg_trigger'::regclass AND t.oid = c.objid
      JOIN pg_dist_partition p ON p.logicalrelid = CASE WHEN c.classid = 'pg_trigger'::regclass
                                                        THEN t.tgrelid ELSE coalesce(i.indrelid, c.objid) END
     WHERE c.classid = 'pg_class'::regclass
        OR (c.classid = 'pg_trigger'::regclass AND t.tgfoid <> 'citus_internal.citus_truncate_trigger'::regproc)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% on a distributed or reference table is not supported yet', refused.command_tag
            USING ERRCODE = 'feature_not_supported',
                  DETAIL = format('%s is a Citus table: the command would change it on the coordinator'
                                  ' and not on its shards.', refused.logicalrelid::regclass),
                  HINT = 'Apply it to the shards too (run_command_on_shards) with citus.enable_ddl_propagation'
                         ' set to off, or undistribute_table first.';
    END IF;
END;
$$;
CREATE EVENT TRIGGER citus_refuse_unpropagated_ddl
    ON ddl_command_end
    WHEN TAG IN ('ALTER TABLE', 'CREATE INDEX', 'CREATE TRIGGER')
    EXECUTE FUNCTION citus_internal.citus_refuse_unpropagated_ddl();
