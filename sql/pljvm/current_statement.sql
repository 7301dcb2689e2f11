-- The exact text of the utility statement being run (one statement of a multi-statement
-- query string), or NULL outside of one. Meant for event triggers.
CREATE FUNCTION pljvm.current_statement()
    RETURNS text
    LANGUAGE C
    AS 'MODULE_PATHNAME', 'pljvm_current_statement_sql';
