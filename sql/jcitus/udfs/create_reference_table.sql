-- Keeps one shard of a table, with a copy on every node (the coordinator included).
CREATE FUNCTION pg_catalog.create_reference_table(table_name regclass)
    RETURNS void
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.TableUdfs.createReferenceTable';
