-- An untrusted language: only superusers create functions in it.
CREATE LANGUAGE pljvm
    HANDLER pljvm.call_handler
    VALIDATOR pljvm.validator;
COMMENT ON LANGUAGE pljvm IS 'static Java methods as SQL functions and event triggers';
