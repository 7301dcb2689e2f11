-- Kept because Citus 13.2 keeps it; it only says so.
CREATE FUNCTION pg_catalog.upgrade_to_reference_table(table_name regclass)
    RETURNS void
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.TableUdfs.upgradeToReferenceTable';
