-- Every shard placement, with its table, name, node and size.
CREATE VIEW citus.citus_shards AS
SELECT p.logicalrelid AS table_name,
       s.shardid,
       pg_catalog.shard_name(p.logicalrelid, s.shardid) AS shard_name,
       CASE p.partmethod WHEN 'h' THEN 'distributed' WHEN 'n' THEN 'reference' ELSE 'local' END AS citus_table_type,
       p.colocationid AS colocation_id,
       n.nodename,
       n.nodeport,
       z.size AS shard_size
  FROM pg_catalog.pg_dist_shard s
  JOIN pg_catalog.pg_dist_partition p USING (logicalrelid)
  JOIN pg_catalog.pg_dist_placement pl USING (shardid)
  JOIN pg_catalog.pg_dist_node n ON n.groupid = pl.groupid AND n.noderole = 'primary'
  LEFT JOIN pg_catalog.citus_shard_sizes() z ON z.shard_id = s.shardid
       AND z.size IS NOT NULL
 ORDER BY p.logicalrelid::text, s.shardid, n.nodeport;
ALTER VIEW citus.citus_shards SET SCHEMA pg_catalog;
GRANT SELECT ON pg_catalog.citus_shards TO public;
