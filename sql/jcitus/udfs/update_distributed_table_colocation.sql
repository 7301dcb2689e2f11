-- Changes which colocation group a table is in, in the metadata only ('none': a group of its own).
CREATE FUNCTION pg_catalog.update_distributed_table_colocation(table_name regclass, colocate_with text)
    RETURNS void
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.TableUdfs.updateColocation';
