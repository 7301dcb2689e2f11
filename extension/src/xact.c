/*-------------------------------------------------------------------------
 *
 * xact.c
 *	  Transaction callbacks for Java: pre-commit, commit, abort, prepare
 *	  and subtransaction abort reach the listeners registered with
 *	  org.jcitus.pljvm.Transactions.
 *
 * Only before commit (or prepare) may a listener fail the transaction: its
 * exception becomes an ERROR there. Once the outcome is decided, a
 * listener's exception can only be reported, as a WARNING.
 *
 *-------------------------------------------------------------------------
 */
#include "pljvm.h"

#include "access/xact.h"
#include "executor/executor.h"

/* Event numbers shared with Transactions.java. */
#define EVENT_PRE_COMMIT	0
#define EVENT_COMMIT		1
#define EVENT_ABORT			2
#define EVENT_PRE_PREPARE	3
#define EVENT_PREPARE		4
#define EVENT_SUB_ABORT		5

static void
fire(int event)
{
	JNIEnv	   *env = pljvm_env;
	int			depth;

	/* no call into Java for the transactions of a session without listeners */
	if (!pljvm_jvm_usable() ||
		!(*env)->GetStaticBooleanField(env, jr.transactions, jr.transactions_listening))
		return;
	depth = pljvm_push_frame();
	PG_TRY();
	{
		jstring		warning = (*env)->CallStaticObjectMethod(env, jr.transactions,
															 jr.transactions_fire, event);

		pljvm_check_exception();
		if (warning != NULL)
			ereport(WARNING,
					(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
					 errmsg("a Java transaction listener failed: %s",
							pljvm_jstring_to_cstring(warning))));
	}
	PG_FINALLY();
	{
		pljvm_pop_frames(depth);
	}
	PG_END_TRY();
}

static void
transaction_callback(XactEvent event, void *arg)
{
	switch (event)
	{
		case XACT_EVENT_PRE_COMMIT:
		case XACT_EVENT_PARALLEL_PRE_COMMIT:
			fire(EVENT_PRE_COMMIT);
			break;
		case XACT_EVENT_PRE_PREPARE:
			fire(EVENT_PRE_PREPARE);
			break;
		case XACT_EVENT_COMMIT:
		case XACT_EVENT_PARALLEL_COMMIT:
		case XACT_EVENT_ABORT:
		case XACT_EVENT_PARALLEL_ABORT:
		case XACT_EVENT_PREPARE:
			pljvm_forget_errors();
			pljvm_spi_forget_savepoints_from(1);
			fire(event == XACT_EVENT_PREPARE ? EVENT_PREPARE :
				 (event == XACT_EVENT_COMMIT || event == XACT_EVENT_PARALLEL_COMMIT)
				 ? EVENT_COMMIT : EVENT_ABORT);
			break;
	}
}

static void
subtransaction_callback(SubXactEvent event, SubTransactionId mySubid,
						SubTransactionId parentSubid, void *arg)
{
	if (event != SUBXACT_EVENT_ABORT_SUB)
		return;
	pljvm_error_handled_at_level(GetCurrentTransactionNestLevel());
	pljvm_spi_forget_savepoints_from(GetCurrentTransactionNestLevel());
	fire(EVENT_SUB_ABORT);
}

/*
 * Executors running: a statement started while another runs was started by a
 * function (PL/pgSQL, SPI), inside the other's transaction.
 */
static ExecutorRun_hook_type previous_executor_run = NULL;
static int	executor_depth = 0;

static void
counting_executor_run(QueryDesc *queryDesc, ScanDirection direction, uint64 count, bool execute_once)
{
	executor_depth++;
	PG_TRY();
	{
		if (previous_executor_run)
			previous_executor_run(queryDesc, direction, count, execute_once);
		else
			standard_ExecutorRun(queryDesc, direction, count, execute_once);
	}
	PG_FINALLY();
	{
		executor_depth--;
	}
	PG_END_TRY();
}

/* At load time, so that every executor is counted. */
void
pljvm_xact_setup(void)
{
	previous_executor_run = ExecutorRun_hook;
	ExecutorRun_hook = counting_executor_run;
}

/*
 * Whether the statement being started is its transaction's only one: not inside
 * BEGIN .. COMMIT or a multi-statement query string, not run by a function.
 * Java may then finish its remote work with the statement.
 */
static jboolean JNICALL
native_is_single_statement(JNIEnv *env, jclass cls)
{
	if (pljvm_refuse_off_thread())
		return JNI_FALSE;
	return (!IsTransactionBlock() && executor_depth == 0) ? JNI_TRUE : JNI_FALSE;
}

void
pljvm_xact_init(void)
{
	static const JNINativeMethod methods[] = {
		{"isSingleStatement", "()Z", (void *) native_is_single_statement},
	};

	pljvm_register_natives("org/jcitus/pljvm/Transactions", methods, lengthof(methods));
	RegisterXactCallback(transaction_callback, NULL);
	RegisterSubXactCallback(subtransaction_callback, NULL);
}
