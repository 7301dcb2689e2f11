-- Checks at CREATE FUNCTION that the named class has a static method fitting the declared types.
CREATE FUNCTION pljvm.validator(oid)
    RETURNS void
    LANGUAGE C STRICT
    AS 'MODULE_PATHNAME', 'pljvm_validator';
