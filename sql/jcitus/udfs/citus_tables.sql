-- Every Citus table: its type, distribution column, colocation, size (of one copy, for a
-- reference table), shard count, owner.
CREATE VIEW citus.citus_tables AS
SELECT p.logicalrelid AS table_name,
       CASE p.partmethod WHEN 'h' THEN 'distributed' WHEN 'n' THEN 'reference' ELSE 'local' END AS citus_table_type,
       coalesce((SELECT a.attname::text FROM pg_catalog.pg_attribute a
                  WHERE a.attrelid = p.logicalrelid
                    AND a.attnum = substring(p.partkey from ':varattno ([0-9]+)')::int), '<none>')
           AS distribution_column,
       p.colocationid AS colocation_id,
       pg_catalog.pg_size_pretty(coalesce((SELECT sum(z.size) FROM pg_catalog.citus_shard_sizes() z
            JOIN pg_catalog.pg_dist_shard s ON s.shardid = z.shard_id
           WHERE s.logicalrelid = p.logicalrelid), 0)::bigint
           / CASE WHEN p.partmethod = 'n' THEN greatest((SELECT count(*) FROM pg_catalog.pg_dist_placement pl
                JOIN pg_catalog.pg_dist_shard s ON s.shardid = pl.shardid
               WHERE s.logicalrelid = p.logicalrelid), 1) ELSE 1 END) AS table_size,
       (SELECT count(*) FROM pg_catalog.pg_dist_shard s WHERE s.logicalrelid = p.logicalrelid) AS shard_count,
       pg_catalog.pg_get_userbyid(c.relowner) AS table_owner,
       coalesce(am.amname, 'heap') AS access_method
  FROM pg_catalog.pg_dist_partition p
  JOIN pg_catalog.pg_class c ON c.oid = p.logicalrelid
  LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
 ORDER BY p.logicalrelid::text;
ALTER VIEW citus.citus_tables SET SCHEMA pg_catalog;
GRANT SELECT ON pg_catalog.citus_tables TO public;
