-- The schema that holds pljvm's own functions.
CREATE SCHEMA pljvm;
COMMENT ON SCHEMA pljvm IS 'the pljvm runtime: Java inside the backend';
