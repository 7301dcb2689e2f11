-- The role of a node in its group.
CREATE TYPE citus.noderole AS ENUM ('primary', 'secondary', 'unavailable');
