-- The schemas jcitus keeps its own objects in; the catalogs are made here and then moved
-- to pg_catalog (move_to_pg_catalog.sql), where PostgreSQL lets an extension put tables
-- only by ALTER ... SET SCHEMA.
CREATE SCHEMA citus;
CREATE SCHEMA citus_internal;
