-- pljvm: SQL functions served by static Java methods, chosen by the declared SQL types,
-- with values converted both ways and NULLs as Java null.
SELECT lanname, lanpltrusted FROM pg_language WHERE lanname = 'pljvm';
SELECT current_setting('pljvm.classpath') LIKE '%regress-fixtures.jar' AS fixtures_on_classpath;
CREATE SCHEMA pljvm_functions;
SET search_path = pljvm_functions;

-- Scalars: each declared type picks the overload that fits it.
CREATE FUNCTION echo_text(text) RETURNS text LANGUAGE pljvm AS 'org.jcitus.regress.Types.echo';
CREATE FUNCTION echo_int2(int2) RETURNS int2 LANGUAGE pljvm AS 'org.jcitus.regress.Types.echo';
CREATE FUNCTION echo_int4(int4) RETURNS int4 LANGUAGE pljvm STRICT AS 'org.jcitus.regress.Types.echo';
CREATE FUNCTION echo_int8(int8) RETURNS int8 LANGUAGE pljvm AS 'org.jcitus.regress.Types.echo';
CREATE FUNCTION echo_bool(bool) RETURNS bool LANGUAGE pljvm STRICT AS 'org.jcitus.regress.Types.echo';
CREATE FUNCTION echo_float4(float4) RETURNS float4 LANGUAGE pljvm STRICT AS 'org.jcitus.regress.Types.echo';
CREATE FUNCTION echo_float8(float8) RETURNS float8 LANGUAGE pljvm STRICT AS 'org.jcitus.regress.Types.echo';
CREATE FUNCTION echo_numeric(numeric) RETURNS numeric LANGUAGE pljvm AS 'org.jcitus.regress.Types.echo';
CREATE FUNCTION echo_bytea(bytea) RETURNS bytea LANGUAGE pljvm AS 'org.jcitus.regress.Types.echo';
CREATE FUNCTION echo_varchar(varchar) RETURNS varchar LANGUAGE pljvm AS 'org.jcitus.regress.Types.echo';
CREATE FUNCTION echo_name(name) RETURNS name LANGUAGE pljvm AS 'org.jcitus.regress.Types.echo';
CREATE FUNCTION echo_json(json) RETURNS json LANGUAGE pljvm AS 'org.jcitus.regress.Types.echo';
CREATE FUNCTION echo_jsonb(jsonb) RETURNS jsonb LANGUAGE pljvm AS 'org.jcitus.regress.Types.echo';
CREATE FUNCTION echo_date(date) RETURNS date LANGUAGE pljvm AS 'org.jcitus.regress.Types.echo';
CREATE FUNCTION describe_int4(int4) RETURNS text LANGUAGE pljvm AS 'org.jcitus.regress.Types.describe';
CREATE FUNCTION describe_int8(int8) RETURNS text LANGUAGE pljvm AS 'org.jcitus.regress.Types.describe';
CREATE FUNCTION describe_numeric(numeric) RETURNS text LANGUAGE pljvm AS 'org.jcitus.regress.Types.describe';
CREATE FUNCTION describe_oid(oid) RETURNS text LANGUAGE pljvm AS 'org.jcitus.regress.Types.describe';
CREATE FUNCTION describe_regclass(regclass) RETURNS text LANGUAGE pljvm AS 'org.jcitus.regress.Types.describe';
CREATE FUNCTION describe_regproc(regproc) RETURNS text LANGUAGE pljvm AS 'org.jcitus.regress.Types.describe';
CREATE FUNCTION describe_bytea(bytea) RETURNS text LANGUAGE pljvm AS 'org.jcitus.regress.Types.describe';
CREATE FUNCTION describe_jsonb(jsonb) RETURNS text LANGUAGE pljvm AS 'org.jcitus.regress.Types.describe';
CREATE FUNCTION describe_int4_array(int4[]) RETURNS text LANGUAGE pljvm AS 'org.jcitus.regress.Types.describe';
CREATE FUNCTION describe_text_array(text[]) RETURNS text LANGUAGE pljvm AS 'org.jcitus.regress.Types.describe';
CREATE FUNCTION describe_record(pg_language) RETURNS text LANGUAGE pljvm AS 'org.jcitus.regress.Types.describe';

SELECT echo_text('hello'), echo_int2((-32768)::int2), echo_int4(2147483647), echo_int8(-9223372036854775808);
SELECT echo_bool(true), echo_bool(false), echo_float4(1.5), echo_float8(-2.25e300);
SELECT echo_numeric(12345678901234567890.123456789), echo_numeric(-0.000001);
SELECT echo_bytea('\x00ff10'::bytea), echo_varchar('v'), echo_name('n');
SELECT echo_json('{"a": [1, 2]}'), echo_jsonb('{"b": 1, "a": [1, 2]}'), echo_date('2026-11-22');
-- NULLs arrive as Java null and come back as SQL NULL
SELECT echo_text(NULL) IS NULL AS text_null, echo_int8(NULL) IS NULL AS int8_null,
       echo_numeric(NULL) IS NULL AS numeric_null, echo_bytea(NULL) IS NULL AS bytea_null;
-- STRICT functions are not called with NULL
SELECT echo_int4(NULL) IS NULL AS strict_null;
-- the Java classes the values arrive as
SELECT describe_int4(7), describe_int8(7), describe_numeric(7.5), describe_oid(7);
SELECT describe_regclass('pg_class'), describe_regproc('now'), describe_bytea('\x0102');
SELECT describe_jsonb('{"k": "v"}');
SELECT describe_int4_array(ARRAY[1, NULL, 3]), describe_text_array(ARRAY['a', NULL, 'c d']);
SELECT describe_int4_array('{}');
SELECT describe_record(l) FROM pg_language l WHERE lanname = 'internal';
-- an argument declared "any" arrives as the text form of whatever type it has at the call
CREATE FUNCTION describe_any("any") RETURNS text LANGUAGE pljvm AS 'org.jcitus.regress.Types.describe';
SELECT describe_any(42), describe_any(now()::date - now()::date), describe_any('{1,2}'::int[]), describe_any('x'::text);
SELECT describe_any(NULL::int) AS java_gets;

-- Conversions back that do not fit are refused with the type's own words.
CREATE FUNCTION widen_to_int4(int8) RETURNS int4 LANGUAGE pljvm AS 'org.jcitus.regress.Types.widen';
SELECT widen_to_int4(2);
SELECT widen_to_int4(3000000);
CREATE FUNCTION reverse_to_int4(text) RETURNS int4 LANGUAGE pljvm AS 'org.jcitus.regress.Types.reverse';
SELECT reverse_to_int4('21');
SELECT reverse_to_int4('x1');
SELECT echo_numeric('NaN');
CREATE FUNCTION next_oid(oid) RETURNS oid LANGUAGE pljvm AS 'org.jcitus.regress.Types.nextOid';
SELECT next_oid(4294967294);
SELECT next_oid(4294967295);
CREATE FUNCTION half(numeric) RETURNS numeric LANGUAGE pljvm AS 'org.jcitus.regress.Types.half';
SELECT half(5), half(-0.5);

-- Arrays: boxed or primitive in Java, with NULL elements where the class allows them.
CREATE FUNCTION echo_int4_array(int4[]) RETURNS int4[] LANGUAGE pljvm AS 'org.jcitus.regress.Types.echo';
CREATE FUNCTION echo_text_array(text[]) RETURNS text[] LANGUAGE pljvm AS 'org.jcitus.regress.Types.echo';
CREATE FUNCTION doubled(int4[]) RETURNS int4[] LANGUAGE pljvm AS 'org.jcitus.regress.Types.doubled';
SELECT echo_int4_array(ARRAY[1, NULL, 3]), echo_text_array(ARRAY['x', NULL, '"quoted"']);
SELECT doubled(ARRAY[1, 2, 3]), doubled('{}');
SELECT doubled(ARRAY[1, NULL]);
SELECT doubled(ARRAY[[1, 2], [3, 4]]);

-- Text round-trips all of Unicode, including characters outside the BMP.
CREATE FUNCTION code_points(text) RETURNS int4[] LANGUAGE pljvm AS 'org.jcitus.regress.Types.codePoints';
CREATE FUNCTION from_code_points(int4[]) RETURNS text LANGUAGE pljvm AS 'org.jcitus.regress.Types.fromCodePoints';
CREATE FUNCTION java_reverse(text) RETURNS text LANGUAGE pljvm AS 'org.jcitus.regress.Types.reverse';
SELECT echo_text('日本語 😀 café 𝄞') AS round_trip;
SELECT code_points('a😀é日') AS as_java_sees_it;
SELECT from_code_points(ARRAY[128512, 26085, 233, 119070]) AS from_java;
SELECT java_reverse('ab😀日') AS reversed;
SELECT echo_text(s) = s AS all_planes_intact
  FROM (SELECT string_agg(chr(c), '') AS s
          FROM generate_series(32, 1114111, 997) c
         WHERE c NOT BETWEEN 55296 AND 57343) chars;

-- void, composite, SETOF and RETURNS TABLE results
CREATE FUNCTION nothing(int) RETURNS void LANGUAGE pljvm AS 'org.jcitus.regress.Types.nothing';
SELECT nothing(1);
CREATE FUNCTION null_if_negative(int) RETURNS int LANGUAGE pljvm AS 'org.jcitus.regress.Types.nullIfNegative';
SELECT null_if_negative(5), null_if_negative(-5) IS NULL AS is_null;
CREATE TYPE key_value AS (key int, value text);
CREATE FUNCTION pair(int, text) RETURNS key_value LANGUAGE pljvm AS 'org.jcitus.regress.Types.pair';
SELECT pair(1, 'one');
SELECT (pair(2, 'two')).value;
CREATE FUNCTION pair_out(k int, v text, OUT key int, OUT value text) LANGUAGE pljvm AS 'org.jcitus.regress.Types.pair';
SELECT * FROM pair_out(3, NULL);
CREATE FUNCTION count_to(int) RETURNS SETOF int LANGUAGE pljvm AS 'org.jcitus.regress.Types.countTo';
SELECT * FROM count_to(3);
SELECT count_to(2);
SELECT count(*) FROM count_to(0);
CREATE FUNCTION squares(int) RETURNS TABLE (n int, square bigint) LANGUAGE pljvm AS 'org.jcitus.regress.Types.squares';
SELECT * FROM squares(4);
CREATE FUNCTION words(text) RETURNS SETOF text LANGUAGE pljvm AS 'org.jcitus.regress.Types.words';
SELECT words('one two three');
CREATE FUNCTION bad_row(int) RETURNS key_value LANGUAGE pljvm AS 'org.jcitus.regress.Types.badRow';
SELECT bad_row(3);

-- CREATE FUNCTION fails unless the class and a fitting static method exist.
CREATE FUNCTION missing_class() RETURNS int LANGUAGE pljvm AS 'org.jcitus.regress.NoSuchClass.f';
CREATE FUNCTION missing_method(int) RETURNS int LANGUAGE pljvm AS 'org.jcitus.regress.Types.noSuchMethod';
CREATE FUNCTION wrong_types(int, int) RETURNS int LANGUAGE pljvm AS 'org.jcitus.regress.Types.echo';
CREATE FUNCTION not_a_method() RETURNS int LANGUAGE pljvm AS 'justaname';
CREATE FUNCTION set_from_scalar(int) RETURNS SETOF int LANGUAGE pljvm AS 'org.jcitus.regress.Types.echo';
CREATE FUNCTION poly(anyelement) RETURNS anyelement LANGUAGE pljvm AS 'org.jcitus.regress.Types.describe';
SELECT count(*) AS leftovers FROM pg_proc
 WHERE proname IN ('missing_class', 'missing_method', 'wrong_types', 'not_a_method', 'set_from_scalar', 'poly');
-- with check_function_bodies off (as pg_dump restores do) nothing is checked until called
SET check_function_bodies = off;
CREATE FUNCTION missing_later() RETURNS int LANGUAGE pljvm AS 'org.jcitus.regress.NoSuchClass.f';
RESET check_function_bodies;
SELECT missing_later();
-- a trigger function needs a method that takes TriggerData, and serves statement-level
-- triggers only (pljvm_triggers shows one at work)
CREATE FUNCTION wrong_trigger() RETURNS trigger LANGUAGE pljvm AS 'org.jcitus.regress.Types.describe';
CREATE TABLE trigger_target (a int);
CREATE FUNCTION log_statement_trigger() RETURNS trigger LANGUAGE pljvm AS 'org.jcitus.regress.Triggers.logStatement';
CREATE TRIGGER row_level AFTER INSERT ON trigger_target FOR EACH ROW EXECUTE FUNCTION log_statement_trigger();
INSERT INTO trigger_target VALUES (1);
SELECT count(*) AS rows_kept FROM trigger_target;

SET client_min_messages = warning;
DROP SCHEMA pljvm_functions CASCADE;
