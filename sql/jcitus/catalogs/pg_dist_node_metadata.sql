-- Facts about this server itself; server_id tells a node it is talking to itself.
CREATE TABLE citus.pg_dist_node_metadata (
    metadata jsonb NOT NULL
);
INSERT INTO citus.pg_dist_node_metadata
    VALUES (jsonb_build_object('server_id', gen_random_uuid()::text));
