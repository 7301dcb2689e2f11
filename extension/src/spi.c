/*-------------------------------------------------------------------------
 *
 * spi.c
 *	  In-backend SQL for Java: the natives behind jdbc:default:connection.
 *	  Statements run through SPI in the caller's transaction and snapshot;
 *	  savepoints are internal subtransactions.
 *
 * Parameters arrive as text with an optional type each (0: let the parser
 * infer it, as for a parameter of unknown type in the extended protocol),
 * so that Java needs no knowledge of PostgreSQL's binary formats.
 *
 *-------------------------------------------------------------------------
 */
#include "pljvm.h"

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "nodes/params.h"
#include "parser/parse_param.h"
#include "utils/lsyscache.h"
#include "utils/resowner.h"

/* ---------- statements ---------- */

typedef struct StatementParameters
{
	Oid		   *types;
	int			count;
} StatementParameters;

static void
setup_parameters(ParseState *pstate, void *arg)
{
	StatementParameters *p = arg;

	setup_parse_variable_parameters(pstate, &p->types, &p->count);
}

static ParamListInfo
bind_parameters(StatementParameters *p, JNIEnv *env, jobjectArray values, int given)
{
	ParamListInfo params;

	if (p->count != given)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_PARAMETER),
				 errmsg("the statement has %d parameters, but %d values were given",
						p->count, given)));
	params = makeParamList(given);
	for (int i = 0; i < given; i++)
	{
		ParamExternData *param = &params->params[i];
		jstring		text = (*env)->GetObjectArrayElement(env, values, i);
		Oid			type = p->types[i];
		Oid			input;
		Oid			ioparam;

		/*
		 * A parameter the statement does not use has no type; one it uses where
		 * any type goes (format's VARIADIC "any") stays unknown, and is bound as
		 * unknown, which the plan expects.
		 */
		if (type == InvalidOid)
			type = TEXTOID;
		getTypeInputInfo(type, &input, &ioparam);
		param->ptype = type;
		param->pflags = PARAM_FLAG_CONST;
		param->isnull = (text == NULL);
		param->value = OidInputFunctionCall(input, text ? pljvm_jstring_to_cstring(text) : NULL,
											ioparam, -1);
		(*env)->DeleteLocalRef(env, text);
	}
	return params;
}

static int
execute_statement(JNIEnv *env, const char *sql, jintArray types, jobjectArray values, long max_rows)
{
	int			given = values ? (*env)->GetArrayLength(env, values) : 0;
	StatementParameters p;
	SPIPrepareOptions options;
	SPIPlanPtr	plan;

	if (given == 0)
		return SPI_execute(sql, false, max_rows);

	p.count = given;
	p.types = palloc0(sizeof(Oid) * given);
	(*env)->GetIntArrayRegion(env, types, 0, given, (jint *) p.types);
	memset(&options, 0, sizeof(options));
	options.parserSetup = setup_parameters;
	options.parserSetupArg = &p;
	options.parseMode = RAW_PARSE_DEFAULT;
	plan = SPI_prepare_extended(sql, &options);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare_extended failed: %s", SPI_result_code_string(SPI_result));
	return SPI_execute_plan_with_paramlist(plan, bind_parameters(&p, env, values, given),
										   false, max_rows);
}

/* statements Java runs through SPI, now executing (see pljvm_in_java_spi) */
static int	java_spi_depth = 0;

static int
run_statement(JNIEnv *env, const char *sql, jintArray types, jobjectArray values, long max_rows)
{
	int			rc;

	java_spi_depth++;
	PG_TRY();
	{
		rc = execute_statement(env, sql, types, values, max_rows);
	}
	PG_FINALLY();
	{
		java_spi_depth--;
	}
	PG_END_TRY();
	return rc;
}

/*
 * True while a statement Java sent through SPI is being planned or run: the
 * planner bridge leaves those to PostgreSQL, so that Java can always reach a
 * registered relation's own (local) rows.
 */
bool
pljvm_in_java_spi(void)
{
	return java_spi_depth > 0;
}

/* "SPI_OK_INSERT_RETURNING" -> "INSERT" */
static const char *
command_of(int rc)
{
	const char *code = SPI_result_code_string(rc);
	char	   *tag;
	char	   *end;

	if (strncmp(code, "SPI_OK_", 7) != 0)
		return code;
	tag = pstrdup(code + 7);
	if ((end = strstr(tag, "_RETURNING")) != NULL)
		*end = '\0';
	return tag;
}

static jobject
statement_result(JNIEnv *env, int rc)
{
	SPITupleTable *table = SPI_tuptable;
	jobjectArray names = NULL;
	jintArray	types = NULL;
	jobjectArray rows = NULL;

	if (table != NULL)
	{
		TupleDesc	desc = table->tupdesc;
		int			live = 0;
		jint	   *type_oids = palloc(sizeof(jint) * (desc->natts + 1));

		for (int i = 0; i < desc->natts; i++)
			if (!TupleDescAttr(desc, i)->attisdropped)
				live++;
		names = (*env)->NewObjectArray(env, live, jr.string, NULL);
		types = (*env)->NewIntArray(env, live);
		for (int i = 0, j = 0; i < desc->natts; i++)
		{
			Form_pg_attribute attr = TupleDescAttr(desc, i);

			if (attr->attisdropped)
				continue;
			(*env)->SetObjectArrayElement(env, names, j, pljvm_cstring_to_jstring(NameStr(attr->attname)));
			type_oids[j++] = (jint) attr->atttypid;
		}
		(*env)->SetIntArrayRegion(env, types, 0, live, type_oids);

		rows = (*env)->NewObjectArray(env, (jsize) SPI_processed, jr.object_array, NULL);
		pljvm_check_exception();
		for (uint64 r = 0; r < SPI_processed; r++)
		{
			jobjectArray row = pljvm_tuple_to_java(table->vals[r], desc);

			(*env)->SetObjectArrayElement(env, rows, (jsize) r, row);
			(*env)->DeleteLocalRef(env, row);
		}
	}
	return (*env)->NewObject(env, jr.spi_result, jr.spi_result_new,
							 pljvm_cstring_to_jstring(command_of(rc)), (jlong) SPI_processed,
							 names, types, rows);
}

static jobject JNICALL
native_execute(JNIEnv *env, jclass cls, jstring sql, jintArray types, jobjectArray values,
			   jlong max_rows)
{
	MemoryContext oldcxt = CurrentMemoryContext;
	jobject		result = NULL;

	if (pljvm_refuse_off_thread() || pljvm_refuse_after_caught_error())
		return NULL;
	PG_TRY();
	{
		int			rc;

		CHECK_FOR_INTERRUPTS();
		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		rc = run_statement(env, pljvm_jstring_to_cstring(sql), types, values, (long) max_rows);
		if (rc < 0)
			elog(ERROR, "SPI failed: %s", SPI_result_code_string(rc));
		result = statement_result(env, rc);
		SPI_finish();
	}
	PG_CATCH();
	{
		pljvm_throw_pg_error(oldcxt);
		result = NULL;
	}
	PG_END_TRY();
	return result;
}

/* ---------- savepoints ---------- */

/*
 * An open savepoint: its subtransaction's nesting level, what to restore
 * when it ends, and the pljvm call that opened it.
 */
typedef struct OpenSavepoint
{
	int			level;
	MemoryContext context;
	ResourceOwner owner;
	int			call_depth;
} OpenSavepoint;

#define MAX_SAVEPOINTS 1024
static OpenSavepoint savepoints[MAX_SAVEPOINTS];
static int	open_savepoints = 0;

static OpenSavepoint *
innermost_savepoint(void)
{
	return open_savepoints > 0 ? &savepoints[open_savepoints - 1] : NULL;
}

static void
begin_savepoint(int call_depth)
{
	MemoryContext context = CurrentMemoryContext;
	ResourceOwner owner = CurrentResourceOwner;
	OpenSavepoint *s;

	if (open_savepoints >= MAX_SAVEPOINTS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many open savepoints (at most %d)", MAX_SAVEPOINTS)));
	BeginInternalSubTransaction(NULL);
	/* statements run in the caller's memory; the subtransaction owns their resources */
	MemoryContextSwitchTo(context);
	s = &savepoints[open_savepoints++];
	s->level = GetCurrentTransactionNestLevel();
	s->context = context;
	s->owner = owner;
	s->call_depth = call_depth;
}

static void
end_innermost_savepoint(bool commit)
{
	OpenSavepoint s = savepoints[--open_savepoints];

	if (commit)
		ReleaseCurrentSubTransaction();
	else
		RollbackAndReleaseCurrentSubTransaction();
	MemoryContextSwitchTo(s.context);
	CurrentResourceOwner = s.owner;
}

static bool
refuse_unknown_savepoint(JNIEnv *env, int level)
{
	for (int i = 0; i < open_savepoints; i++)
		if (savepoints[i].level == level)
			return false;
	(*env)->ThrowNew(env, jr.sql_exception, "the savepoint is no longer open");
	return true;
}

static jint JNICALL
native_set_savepoint(JNIEnv *env, jclass cls)
{
	MemoryContext oldcxt = CurrentMemoryContext;
	jint		level = 0;

	if (pljvm_refuse_off_thread() || pljvm_refuse_after_caught_error())
		return 0;
	PG_TRY();
	{
		begin_savepoint(pljvm_call_depth());
		level = innermost_savepoint()->level;
	}
	PG_CATCH();
	{
		pljvm_throw_pg_error(oldcxt);
	}
	PG_END_TRY();
	return level;
}

/* Release the savepoint at this level and those opened after it. */
static void JNICALL
native_release_savepoint(JNIEnv *env, jclass cls, jint level)
{
	MemoryContext oldcxt = CurrentMemoryContext;

	if (pljvm_refuse_off_thread() || pljvm_refuse_after_caught_error() ||
		refuse_unknown_savepoint(env, level))
		return;
	PG_TRY();
	{
		while (open_savepoints > 0 && innermost_savepoint()->level >= level)
			end_innermost_savepoint(true);
	}
	PG_CATCH();
	{
		pljvm_throw_pg_error(oldcxt);
	}
	PG_END_TRY();
}

/*
 * Roll back to the savepoint at this level. As with ROLLBACK TO SAVEPOINT,
 * the savepoint stays open (a new subtransaction takes its place, at the
 * same level) and those opened after it are gone.
 */
static void JNICALL
native_rollback_savepoint(JNIEnv *env, jclass cls, jint level)
{
	MemoryContext oldcxt = CurrentMemoryContext;

	if (pljvm_refuse_off_thread() || refuse_unknown_savepoint(env, level))
		return;
	PG_TRY();
	{
		int			call_depth = 0;

		while (open_savepoints > 0 && innermost_savepoint()->level >= level)
		{
			call_depth = innermost_savepoint()->call_depth;
			end_innermost_savepoint(false);
		}
		pljvm_error_handled_at_level(level);
		begin_savepoint(call_depth);
	}
	PG_CATCH();
	{
		pljvm_throw_pg_error(oldcxt);
	}
	PG_END_TRY();
}

/* When a pljvm call ends, the savepoints it left open are released. */
void
pljvm_spi_close_savepoints(int call_depth)
{
	while (open_savepoints > 0 && innermost_savepoint()->call_depth >= call_depth)
		end_innermost_savepoint(true);
}

/*
 * A subtransaction ended without us (an ERROR unwound past the call that
 * opened it), or the whole transaction did: forget the savepoints that
 * went with it.
 */
void
pljvm_spi_forget_savepoints_from(int level)
{
	while (open_savepoints > 0 && innermost_savepoint()->level >= level)
		open_savepoints--;
}

void
pljvm_spi_register_natives(void)
{
	static const JNINativeMethod methods[] = {
		{"execute", "(Ljava/lang/String;[I[Ljava/lang/String;J)Lorg/jcitus/pljvm/jdbc/SpiResult;",
		(void *) native_execute},
		{"setSavepoint", "()I", (void *) native_set_savepoint},
		{"releaseSavepoint", "(I)V", (void *) native_release_savepoint},
		{"rollbackSavepoint", "(I)V", (void *) native_rollback_savepoint},
	};

	pljvm_register_natives("org/jcitus/pljvm/Backend", methods, lengthof(methods));
}
