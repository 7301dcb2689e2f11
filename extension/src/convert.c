/*-------------------------------------------------------------------------
 *
 * convert.c
 *	  PostgreSQL values to Java objects and back.
 *
 *	  bool <-> Boolean, int2 <-> Short, int4 <-> Integer, int8 <-> Long,
 *	  float4 <-> Float, float8 <-> Double, numeric <-> BigDecimal,
 *	  oid and the reg* types <-> Long, bytea <-> byte[], arrays <-> Java
 *	  arrays of the element's class, composites <-> Object[], and every
 *	  other type (text, json, jsonb, dates, ...) <-> its text form as String.
 *	  NULL is Java null.
 *
 * Java to PostgreSQL is lenient where no information is lost: a value of
 * another class goes through its toString() and the type's input function,
 * which rejects what does not fit; a String is always read that way, also
 * for arrays and composites (text forms are what remote rows arrive as).
 *
 * Strings: JNI's own UTF-8 functions use "modified UTF-8", which encodes
 * characters outside the Basic Multilingual Plane as two surrogates of
 * three bytes each. Text is therefore converted between UTF-8 and UTF-16
 * here, except for the common case of text without 4-byte sequences, where
 * both encodings agree.
 *
 *-------------------------------------------------------------------------
 */
#include "pljvm.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"
#include "utils/typcache.h"

/* ---------- strings ---------- */

static char *
to_utf8(const char *s, int *len)
{
	*len = strlen(s);
	if (GetDatabaseEncoding() == PG_UTF8)
		return (char *) s;
	s = pg_server_to_any(s, *len, PG_UTF8);
	*len = strlen(s);
	return (char *) s;
}

/*
 * A Java string, or NULL with the JVM's OutOfMemoryError pending: for the
 * natives' error paths, which must return to Java rather than raise an ERROR
 * (a longjmp across Java frames breaks the JVM).
 */
jstring
pljvm_cstring_to_jstring_or_null(const char *s)
{
	JNIEnv	   *env = pljvm_env;
	int			len;
	const unsigned char *utf8 = (const unsigned char *) to_utf8(s, &len);
	jchar	   *utf16;
	int			n = 0;
	jstring		result;
	bool		has_supplementary = false;

	for (int i = 0; i < len; i++)
		if (utf8[i] >= 0xF0)
		{
			has_supplementary = true;
			break;
		}
	if (!has_supplementary)
	{
		return (*env)->NewStringUTF(env, (const char *) utf8);
	}

	utf16 = palloc(sizeof(jchar) * (len + 1));
	for (int i = 0; i < len;)
	{
		unsigned char c = utf8[i];
		uint32		cp;
		int			extra;

		if (c < 0x80)
		{
			cp = c;
			extra = 0;
		}
		else if (c < 0xE0)
		{
			cp = c & 0x1F;
			extra = 1;
		}
		else if (c < 0xF0)
		{
			cp = c & 0x0F;
			extra = 2;
		}
		else
		{
			cp = c & 0x07;
			extra = 3;
		}
		i++;
		for (int k = 0; k < extra && i < len; k++, i++)
			cp = (cp << 6) | (utf8[i] & 0x3F);
		if (cp >= 0x10000)
		{
			cp -= 0x10000;
			utf16[n++] = (jchar) (0xD800 + (cp >> 10));
			utf16[n++] = (jchar) (0xDC00 + (cp & 0x3FF));
		}
		else
			utf16[n++] = (jchar) cp;
	}
	result = (*env)->NewString(env, utf16, n);
	pfree(utf16);
	return result;
}

jstring
pljvm_cstring_to_jstring(const char *s)
{
	jstring		result = pljvm_cstring_to_jstring_or_null(s);

	if (result == NULL)
		pljvm_check_exception();	/* the heap could not take it */
	return result;
}

char *
pljvm_jstring_to_cstring(jstring s)
{
	JNIEnv	   *env = pljvm_env;
	jsize		n = (*env)->GetStringLength(env, s);
	jchar	   *utf16 = palloc(sizeof(jchar) * (n + 1));
	char	   *utf8 = palloc(n * 3 + 1);
	int			len = 0;

	(*env)->GetStringRegion(env, s, 0, n, utf16);
	for (int i = 0; i < n; i++)
	{
		uint32		cp = utf16[i];

		if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < n &&
			utf16[i + 1] >= 0xDC00 && utf16[i + 1] <= 0xDFFF)
		{
			cp = 0x10000 + ((cp - 0xD800) << 10) + (utf16[i + 1] - 0xDC00);
			i++;
		}
		else if (cp >= 0xD800 && cp <= 0xDFFF)
			ereport(ERROR,
					(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
					 errmsg("Java string holds an unpaired surrogate (U+%04X)", cp)));
		else if (cp == 0)
			ereport(ERROR,
					(errcode(ERRCODE_UNTRANSLATABLE_CHARACTER),
					 errmsg("Java string holds the character U+0000, which text cannot store")));
		unicode_to_utf8(cp, (unsigned char *) utf8 + len);
		len += pg_utf_mblen((unsigned char *) utf8 + len);
	}
	utf8[len] = '\0';
	pfree(utf16);
	if (GetDatabaseEncoding() == PG_UTF8)
		return utf8;
	return pg_any_to_server(utf8, len, PG_UTF8);
}

/* ---------- PostgreSQL -> Java ---------- */

static bool
is_oid_type(Oid type)
{
	switch (type)
	{
		case OIDOID:
		case REGCLASSOID:
		case REGPROCOID:
		case REGPROCEDUREOID:
		case REGTYPEOID:
		case REGNAMESPACEOID:
		case REGROLEOID:
			return true;
		default:
			return false;
	}
}

/* The Java class that values of this type become, for typed arrays. */
static jclass
java_class_of(Oid type)
{
	switch (type)
	{
		case BOOLOID:
			return jr.boolean_class;
		case INT2OID:
			return jr.short_class;
		case INT4OID:
			return jr.integer_class;
		case INT8OID:
			return jr.long_class;
		case FLOAT4OID:
			return jr.float_class;
		case FLOAT8OID:
			return jr.double_class;
		case NUMERICOID:
			return jr.big_decimal;
		case BYTEAOID:
			return jr.byte_array;
		default:
			if (is_oid_type(type))
				return jr.long_class;
			if (type_is_rowtype(type))
				return jr.object_array;
			return jr.string;
	}
}

static jobject
box(jclass cls, jmethodID value_of, jvalue v)
{
	return (*pljvm_env)->CallStaticObjectMethodA(pljvm_env, cls, value_of, &v);
}

static jobject
numeric_to_java(Datum value)
{
	char	   *text = DatumGetCString(DirectFunctionCall1(numeric_out, value));
	jobject		result;

	if (numeric_is_nan(DatumGetNumeric(value)) || numeric_is_inf(DatumGetNumeric(value)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("numeric value %s has no BigDecimal equivalent", text)));
	result = (*pljvm_env)->NewObject(pljvm_env, jr.big_decimal, jr.big_decimal_new,
									 pljvm_cstring_to_jstring(text));
	pljvm_check_exception();
	return result;
}

static jobject
array_to_java(Datum value, Oid element_type)
{
	JNIEnv	   *env = pljvm_env;
	ArrayType  *array = DatumGetArrayTypeP(value);
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Datum	   *elements;
	bool	   *nulls;
	int			count;
	jobjectArray result;

	if (ARR_NDIM(array) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("multidimensional arrays are not supported by pljvm")));
	get_typlenbyvalalign(element_type, &typlen, &typbyval, &typalign);
	deconstruct_array(array, element_type, typlen, typbyval, typalign,
					  &elements, &nulls, &count);
	result = (*env)->NewObjectArray(env, count, java_class_of(element_type), NULL);
	pljvm_check_exception();
	for (int i = 0; i < count; i++)
	{
		jobject		element = pljvm_datum_to_java(elements[i], nulls[i], element_type);

		pljvm_check_exception();
		(*env)->SetObjectArrayElement(env, result, i, element);
		(*env)->DeleteLocalRef(env, element);
	}
	return result;
}

static jobject
composite_to_java(Datum value)
{
	HeapTupleHeader header = DatumGetHeapTupleHeader(value);
	TupleDesc	desc = lookup_rowtype_tupdesc(HeapTupleHeaderGetTypeId(header),
											  HeapTupleHeaderGetTypMod(header));
	HeapTupleData tuple;
	jobject		result;

	tuple.t_len = HeapTupleHeaderGetDatumLength(header);
	ItemPointerSetInvalid(&tuple.t_self);
	tuple.t_tableOid = InvalidOid;
	tuple.t_data = header;
	result = pljvm_tuple_to_java(&tuple, desc);
	ReleaseTupleDesc(desc);
	return result;
}

jobject
pljvm_datum_to_java(Datum value, bool isnull, Oid type)
{
	JNIEnv	   *env = pljvm_env;
	jvalue		v;
	Oid			element_type;

	if (isnull)
		return NULL;
	switch (type)
	{
		case BOOLOID:
			v.z = DatumGetBool(value);
			return box(jr.boolean_class, jr.boolean_value_of, v);
		case INT2OID:
			v.s = DatumGetInt16(value);
			return box(jr.short_class, jr.short_value_of, v);
		case INT4OID:
			v.i = DatumGetInt32(value);
			return box(jr.integer_class, jr.integer_value_of, v);
		case INT8OID:
			v.j = DatumGetInt64(value);
			return box(jr.long_class, jr.long_value_of, v);
		case FLOAT4OID:
			v.f = DatumGetFloat4(value);
			return box(jr.float_class, jr.float_value_of, v);
		case FLOAT8OID:
			v.d = DatumGetFloat8(value);
			return box(jr.double_class, jr.double_value_of, v);
		case NUMERICOID:
			return numeric_to_java(value);
		case TEXTOID:
		case VARCHAROID:
		case BPCHAROID:
		case JSONOID:
			return pljvm_cstring_to_jstring(text_to_cstring(DatumGetTextPP(value)));
		case NAMEOID:
			return pljvm_cstring_to_jstring(NameStr(*DatumGetName(value)));
		case BYTEAOID:
			{
				bytea	   *bytes = DatumGetByteaPP(value);
				jsize		len = VARSIZE_ANY_EXHDR(bytes);
				jbyteArray	result = (*env)->NewByteArray(env, len);

				if (result == NULL)
					pljvm_check_exception();
				(*env)->SetByteArrayRegion(env, result, 0, len, (jbyte *) VARDATA_ANY(bytes));
				return result;
			}
		default:
			break;
	}
	if (is_oid_type(type))
	{
		v.j = (jlong) DatumGetObjectId(value);
		return box(jr.long_class, jr.long_value_of, v);
	}
	element_type = get_element_type(type);
	if (OidIsValid(element_type))
		return array_to_java(value, element_type);
	if (type_is_rowtype(type))
		return composite_to_java(value);
	{
		Oid			output;
		bool		varlena;

		getTypeOutputInfo(type, &output, &varlena);
		return pljvm_cstring_to_jstring(OidOutputFunctionCall(output, value));
	}
}

jobjectArray
pljvm_tuple_to_java(HeapTuple tuple, TupleDesc desc)
{
	JNIEnv	   *env = pljvm_env;
	Datum	   *values = palloc(sizeof(Datum) * desc->natts);
	bool	   *nulls = palloc(sizeof(bool) * desc->natts);
	int			live = 0;
	jobjectArray row;

	heap_deform_tuple(tuple, desc, values, nulls);
	for (int i = 0; i < desc->natts; i++)
		if (!TupleDescAttr(desc, i)->attisdropped)
			live++;
	row = (*env)->NewObjectArray(env, live, jr.object, NULL);
	/*
	 * Rows of a large result fill the heap: an allocation that failed leaves
	 * an OutOfMemoryError pending, and JNI must not be called on with one.
	 */
	pljvm_check_exception();
	for (int i = 0, j = 0; i < desc->natts; i++)
	{
		Form_pg_attribute attr = TupleDescAttr(desc, i);
		jobject		value;

		if (attr->attisdropped)
			continue;
		value = pljvm_datum_to_java(values[i], nulls[i], attr->atttypid);
		pljvm_check_exception();
		(*env)->SetObjectArrayElement(env, row, j++, value);
		(*env)->DeleteLocalRef(env, value);
	}
	pfree(values);
	pfree(nulls);
	return row;
}

/* ---------- Java -> PostgreSQL ---------- */

static bool
is_class(jobject value, jclass cls)
{
	JNIEnv	   *env = pljvm_env;
	jclass		actual = (*env)->GetObjectClass(env, value);
	bool		same = (*env)->IsSameObject(env, actual, cls);

	(*env)->DeleteLocalRef(env, actual);
	return same;
}

static bool
is_integral(jobject value)
{
	return is_class(value, jr.integer_class) || is_class(value, jr.long_class) ||
		is_class(value, jr.short_class);
}

static char *
java_to_text(jobject value)
{
	jstring		s;

	if (is_class(value, jr.string))
		return pljvm_jstring_to_cstring(value);
	s = (*pljvm_env)->CallObjectMethod(pljvm_env, value, jr.object_to_string);
	pljvm_check_exception();
	if (s == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("toString() of a Java value returned null")));
	return pljvm_jstring_to_cstring(s);
}

static Datum
through_input_function(jobject value, Oid type, int32 typmod)
{
	Oid			input;
	Oid			ioparam;

	getTypeInputInfo(type, &input, &ioparam);
	return OidInputFunctionCall(input, java_to_text(value), ioparam, typmod);
}

static int64
integral_in_range(jobject value, int64 min, int64 max, Oid type)
{
	int64		v = (*pljvm_env)->CallLongMethod(pljvm_env, value, jr.number_long_value);

	if (v < min || v > max)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("value %lld is out of range for type %s",
						(long long) v, format_type_be(type))));
	return v;
}

static Datum
java_to_array(jobject value, Oid type, Oid element_type)
{
	JNIEnv	   *env = pljvm_env;
	jobjectArray elements;
	int			count;
	Datum	   *datums;
	bool	   *nulls;
	int			dims[1];
	int			lbs[1] = {1};
	int16		typlen;
	bool		typbyval;
	char		typalign;

	elements = (*env)->CallStaticObjectMethod(env, jr.values, jr.values_to_object_array, value);
	pljvm_check_exception();
	count = (*env)->GetArrayLength(env, elements);
	datums = palloc(sizeof(Datum) * (count + 1));
	nulls = palloc(sizeof(bool) * (count + 1));
	for (int i = 0; i < count; i++)
	{
		jobject		element = (*env)->GetObjectArrayElement(env, elements, i);

		datums[i] = pljvm_java_to_datum(element, element_type, -1, &nulls[i]);
		(*env)->DeleteLocalRef(env, element);
	}
	dims[0] = count;
	get_typlenbyvalalign(element_type, &typlen, &typbyval, &typalign);
	return PointerGetDatum(construct_md_array(datums, nulls, 1, dims, lbs, element_type,
											  typlen, typbyval, typalign));
}

Datum
pljvm_java_to_datum(jobject value, Oid type, int32 typmod, bool *isnull)
{
	JNIEnv	   *env = pljvm_env;
	Oid			element_type;

	*isnull = (value == NULL);
	if (value == NULL)
		return (Datum) 0;
	switch (type)
	{
		case BOOLOID:
			if (is_class(value, jr.boolean_class))
				return BoolGetDatum((*env)->CallBooleanMethod(env, value, jr.boolean_value));
			break;
		case INT2OID:
			if (is_integral(value))
				return Int16GetDatum(integral_in_range(value, PG_INT16_MIN, PG_INT16_MAX, type));
			break;
		case INT4OID:
			if (is_integral(value))
				return Int32GetDatum(integral_in_range(value, PG_INT32_MIN, PG_INT32_MAX, type));
			break;
		case INT8OID:
			if (is_integral(value))
				return Int64GetDatum(integral_in_range(value, PG_INT64_MIN, PG_INT64_MAX, type));
			break;
		case FLOAT4OID:
			if ((*env)->IsInstanceOf(env, value, jr.number) && !is_class(value, jr.big_decimal))
				return Float4GetDatum((float4) (*env)->CallDoubleMethod(env, value, jr.number_double_value));
			break;
		case FLOAT8OID:
			if ((*env)->IsInstanceOf(env, value, jr.number) && !is_class(value, jr.big_decimal))
				return Float8GetDatum((*env)->CallDoubleMethod(env, value, jr.number_double_value));
			break;
		case TEXTOID:
			return PointerGetDatum(cstring_to_text(java_to_text(value)));
		case BYTEAOID:
			if (is_class(value, jr.byte_array))
			{
				jsize		len = (*env)->GetArrayLength(env, value);
				bytea	   *bytes = palloc(VARHDRSZ + len);

				SET_VARSIZE(bytes, VARHDRSZ + len);
				(*env)->GetByteArrayRegion(env, value, 0, len, (jbyte *) VARDATA(bytes));
				return PointerGetDatum(bytes);
			}
			break;
		default:
			if (is_oid_type(type) && is_integral(value))
				return ObjectIdGetDatum((Oid) integral_in_range(value, 0, PG_UINT32_MAX, type));
			/* a String is the value's text form, for any type (an array's '{a,b}', a row's '(1,x)') */
			if (is_class(value, jr.string))
				break;
			element_type = get_element_type(type);
			if (OidIsValid(element_type))
				return java_to_array(value, type, element_type);
			if (type_is_rowtype(type))
			{
				TupleDesc	desc = lookup_rowtype_tupdesc(type, typmod);
				HeapTuple	tuple = pljvm_java_to_tuple(value, desc);

				ReleaseTupleDesc(desc);
				return HeapTupleGetDatum(tuple);
			}
			break;
	}
	return through_input_function(value, type, typmod);
}

HeapTuple
pljvm_java_to_tuple(jobject row, TupleDesc desc)
{
	JNIEnv	   *env = pljvm_env;
	Datum	   *values = palloc0(sizeof(Datum) * desc->natts);
	bool	   *nulls = palloc0(sizeof(bool) * desc->natts);
	int			live = 0;
	int			given;

	for (int i = 0; i < desc->natts; i++)
		if (!TupleDescAttr(desc, i)->attisdropped)
			live++;
	if (row == NULL || !(*env)->IsInstanceOf(env, row, jr.object_array))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("a row returned by Java must be an Object[], not %s",
						row == NULL ? "null" : java_to_text(row))));
	given = (*env)->GetArrayLength(env, row);
	if (given != live)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("a row returned by Java has %d values, but the result has %d columns",
						given, live)));
	for (int i = 0, j = 0; i < desc->natts; i++)
	{
		Form_pg_attribute attr = TupleDescAttr(desc, i);
		jobject		value;

		if (attr->attisdropped)
		{
			nulls[i] = true;
			continue;
		}
		value = (*env)->GetObjectArrayElement(env, row, j++);
		values[i] = pljvm_java_to_datum(value, attr->atttypid, attr->atttypmod, &nulls[i]);
		(*env)->DeleteLocalRef(env, value);
	}
	return heap_form_tuple(desc, values, nulls);
}
