-- How create_distributed_table may split a table; jcitus implements hash.
CREATE TYPE citus.distribution_type AS ENUM ('hash', 'range', 'append');
