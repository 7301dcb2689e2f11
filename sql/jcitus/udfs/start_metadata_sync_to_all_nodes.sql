-- Brings every metadata node whose copy is out of date (metadatasynced = false) up to date.
CREATE FUNCTION pg_catalog.start_metadata_sync_to_all_nodes()
    RETURNS bool
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.syncMetadataToAllNodes';
REVOKE ALL ON FUNCTION pg_catalog.start_metadata_sync_to_all_nodes() FROM public;
