/*-------------------------------------------------------------------------
 *
 * errors.c
 *	  Errors in both directions between PostgreSQL and Java.
 *
 * PostgreSQL -> Java: a native that runs PostgreSQL code catches its ERROR,
 * keeps a copy, flushes it and throws a ServerException that carries the
 * SQLSTATE, message, detail and hint plus a handle to the copy. If Java lets
 * that exception go, the original error is re-thrown unchanged. A caught
 * ERROR leaves the (sub)transaction in a state where SQL may not run: until
 * Java rolls back to a savepoint set before it, further SQL is refused, and
 * if Java returns normally the original error is raised after all.
 *
 * Java -> PostgreSQL: any other exception becomes an ERROR naming it, with
 * the SQLSTATE it carries (SQLException) or XX000.
 *
 *-------------------------------------------------------------------------
 */
#include "pljvm.h"

#include "access/xact.h"
#include "miscadmin.h"
#include "utils/memutils.h"

/* The ERROR Java caught and has not rolled back, and the subtransaction level it hit. */
static ErrorData *caught_error = NULL;
static int	caught_error_level = 0;
static jlong caught_error_handle = 0;

static void
forget_caught_error(void)
{
	if (caught_error)
		FreeErrorData(caught_error);
	caught_error = NULL;
	caught_error_level = 0;
}

static int
sqlstate_from_text(const char *state)
{
	if (state == NULL || strlen(state) != 5)
		return ERRCODE_INTERNAL_ERROR;
	for (int i = 0; i < 5; i++)
		if (!((state[i] >= '0' && state[i] <= '9') || (state[i] >= 'A' && state[i] <= 'Z')))
			return ERRCODE_INTERNAL_ERROR;
	return MAKE_SQLSTATE(state[0], state[1], state[2], state[3], state[4]);
}

static char *
array_string(jobjectArray array, int index)
{
	jstring		s = (*pljvm_env)->GetObjectArrayElement(pljvm_env, array, index);

	return s ? pljvm_jstring_to_cstring(s) : NULL;
}

/*
 * Raise the Java exception pending on the backend thread, if any, as an
 * ERROR. Called after every call from C into Java.
 */
void
pljvm_check_exception(void)
{
	JNIEnv	   *env = pljvm_env;
	jthrowable	exception;
	jobjectArray report;

	if (!(*env)->ExceptionCheck(env))
		return;

	exception = (*env)->ExceptionOccurred(env);
	(*env)->ExceptionClear(env);

	/* A Java wait broken by cancel or terminate: report that, as PostgreSQL would. */
	if (pljvm_interrupt_pending())
		CHECK_FOR_INTERRUPTS();

	if (caught_error != NULL &&
		(*env)->IsInstanceOf(env, exception, jr.server_exception) &&
		(*env)->GetLongField(env, exception, jr.server_exception_handle) == caught_error_handle)
	{
		ErrorData  *edata = caught_error;

		caught_error = NULL;
		caught_error_level = 0;
		ReThrowError(edata);
	}

	report = (*env)->CallStaticObjectMethod(env, jr.error_report, jr.error_report_describe, exception);
	if ((*env)->ExceptionCheck(env) || report == NULL)
	{
		(*env)->ExceptionClear(env);
		ereport(ERROR,
				(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
				 errmsg("a Java exception was thrown that could not be described")));
	}
	{
		char	   *state = array_string(report, 0);
		char	   *message = array_string(report, 1);
		char	   *detail = array_string(report, 2);
		char	   *hint = array_string(report, 3);
		char	   *stack = array_string(report, 4);
		char	   *context = array_string(report, 5);

		ereport(ERROR,
				(errcode(sqlstate_from_text(state)),
				 errmsg("%s", message ? message : "Java exception"),
				 detail ? errdetail("%s", detail) : 0,
				 hint ? errhint("%s", hint) : 0,
				 context ? errcontext("%s", context) : 0,
				 stack ? errdetail_log("%s", stack) : 0));
	}
}

/*
 * Throws a ServerException into Java, raising no ERROR itself: it runs in
 * natives, whose ERRORs must not longjmp across the Java frames that called
 * them. A heap too full for the exception's strings leaves its
 * OutOfMemoryError to be thrown instead.
 */
static void
throw_server_exception(const char *state, const char *message, const char *detail,
					   const char *hint, const char *context, jlong handle)
{
	JNIEnv	   *env = pljvm_env;
	const char *texts[] = {state, message, detail, hint, context};
	jstring		strings[lengthof(texts)];
	jobject		exception;

	for (int i = 0; i < lengthof(texts); i++)
	{
		strings[i] = texts[i] != NULL ? pljvm_cstring_to_jstring_or_null(texts[i]) : NULL;
		if (texts[i] != NULL && strings[i] == NULL)
			return;
	}
	exception = (*env)->NewObject(env, jr.server_exception, jr.server_exception_new, strings[0],
								  strings[1], strings[2], strings[3], strings[4], (jlong) handle);
	if (exception != NULL)
		(*env)->Throw(env, exception);
}

/*
 * In the PG_CATCH of a native: keep the error, clean PostgreSQL's error
 * state up and throw it into Java as a ServerException. The native must
 * return right after.
 */
void
pljvm_throw_pg_error(MemoryContext oldcxt)
{
	ErrorData  *edata;

	/* kept until handled, or until the transaction ends and takes it along */
	MemoryContextSwitchTo(TopTransactionContext);
	edata = CopyErrorData();
	FlushErrorState();
	MemoryContextSwitchTo(oldcxt);

	forget_caught_error();
	caught_error = edata;
	caught_error_level = GetCurrentTransactionNestLevel();
	caught_error_handle++;

	throw_server_exception(unpack_sql_state(edata->sqlerrcode), edata->message, edata->detail,
						   edata->hint, edata->context, caught_error_handle);
}

void
pljvm_throw(jclass cls, const char *message)
{
	(*pljvm_env)->ThrowNew(pljvm_env, cls, message);
}

/* Natives start with this: other Java threads may not enter PostgreSQL. */
bool
pljvm_refuse_off_thread(void)
{
	JNIEnv	   *env;

	if (pljvm_on_backend_thread())
		return false;
	/* this thread's own JNIEnv: pljvm_env belongs to the backend thread */
	env = NULL;
	if (pljvm_env != NULL)
	{
		JavaVM	   *vm;

		(*pljvm_env)->GetJavaVM(pljvm_env, &vm);
		(*vm)->GetEnv(vm, (void **) &env, JNI_VERSION_10);
	}
	if (env != NULL)
		(*env)->ThrowNew(env, jr.illegal_state_exception,
						 "only the thread that runs the SQL call may enter PostgreSQL, not another Java thread");
	return true;
}

/* SQL after an ERROR that Java caught and did not roll back is refused. */
bool
pljvm_refuse_after_caught_error(void)
{
	char	   *message;

	if (caught_error == NULL)
		return false;
	message = psprintf("an earlier SQL error was caught in Java but not rolled back: %s",
					   caught_error->message);
	/* handle 0: not the caught error itself, so it is reported as it reads */
	throw_server_exception("25P02", message, NULL,
						   "Roll back to a savepoint set before the failing statement, or let the error propagate.",
						   NULL, 0);
	pfree(message);
	return true;
}

/* A subtransaction at this level was rolled back: an error caught inside it is handled. */
void
pljvm_error_handled_at_level(int nest_level)
{
	if (caught_error != NULL && caught_error_level >= nest_level)
		forget_caught_error();
}

/* After Java returns normally: an error it swallowed without rolling back is raised now. */
void
pljvm_rethrow_pending_error(void)
{
	ErrorData  *edata = caught_error;

	if (edata == NULL)
		return;
	caught_error = NULL;
	caught_error_level = 0;
	ReThrowError(edata);
}

/* At the end of a transaction, whose memory holds the caught error. */
void
pljvm_forget_errors(void)
{
	caught_error = NULL;
	caught_error_level = 0;
}
