-- Turns a distributed or reference table back into a plain table with all its rows.
CREATE FUNCTION pg_catalog.undistribute_table(table_name regclass, cascade_via_foreign_keys boolean DEFAULT false)
    RETURNS void
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.TableUdfs.undistributeTable';
