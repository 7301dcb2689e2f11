-- Calls the static Java method a LANGUAGE pljvm function names.
CREATE FUNCTION pljvm.call_handler()
    RETURNS language_handler
    LANGUAGE C
    AS 'MODULE_PATHNAME', 'pljvm_call_handler';
