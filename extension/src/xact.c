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
 * The open subtransactions are kept here too, for Java to mirror as
 * savepoints on the other nodes it works on.
 *
 *-------------------------------------------------------------------------
 */
#include "pljvm.h"

#include "access/xact.h"
#include "executor/executor.h"
#include "libpq/libpq.h"
#include "miscadmin.h"
#include "storage/ipc.h"
#include "tcop/pquery.h"
#include "tcop/tcopprot.h"

/* Event numbers shared with Transactions.java. */
#define EVENT_PRE_COMMIT	0
#define EVENT_COMMIT		1
#define EVENT_ABORT			2
#define EVENT_PRE_PREPARE	3
#define EVENT_PREPARE		4
#define EVENT_SUB_ABORT		5

/* Statement scopes shared with Transactions.java. */
#define SCOPE_ALONE			0
#define SCOPE_READS_ALONE	1
#define SCOPE_TRANSACTION	2

/*
 * The current transaction's open subtransactions, outermost first. Kept in C,
 * where counting them costs nothing: Java asks only when it works elsewhere.
 */
static SubTransactionId *open_subxacts = NULL;
static int	open_subxact_count = 0;
static int	open_subxact_space = 0;

static void
push_subxact(SubTransactionId id)
{
	if (open_subxact_count == open_subxact_space)
	{
		open_subxact_space = open_subxact_space == 0 ? 16 : open_subxact_space * 2;
		open_subxacts = open_subxacts == NULL
			? MemoryContextAlloc(TopMemoryContext, open_subxact_space * sizeof(SubTransactionId))
			: repalloc(open_subxacts, open_subxact_space * sizeof(SubTransactionId));
	}
	open_subxacts[open_subxact_count++] = id;
}

/* Drops the subtransaction that ended, and any left above it. */
static void
pop_subxact(SubTransactionId id)
{
	int			i;

	for (i = open_subxact_count - 1; i >= 0; i--)
	{
		if (open_subxacts[i] == id)
		{
			open_subxact_count = i;
			return;
		}
	}
}

/*
 * The statement just run rolls the whole transaction back (ROLLBACK, or COMMIT
 * of a failed transaction): the subtransactions still open abort first, and
 * their aborts are not reported, since the transaction's abort follows at
 * once (Java would roll each other node back to every savepoint just before
 * rolling it back entirely). Set only once the statement has succeeded, so
 * that an error in it, which may abort just a subtransaction, is reported.
 */
static bool whole_transaction_aborting = false;

/* Whether the transaction statement, about to run, will roll the whole transaction back. */
bool
pljvm_xact_rolls_back(Node *stmt)
{
	TransactionStmt *t = (TransactionStmt *) stmt;

	if (stmt == NULL || !IsA(stmt, TransactionStmt))
		return false;
	return t->kind == TRANS_STMT_ROLLBACK ||
		(t->kind == TRANS_STMT_COMMIT && IsAbortedTransactionBlockState());
}

/* Called once such a statement succeeded: the transaction's end is what is left. */
void
pljvm_xact_whole_abort_follows(void)
{
	whole_transaction_aborting = true;
}

static void
fire(int event, SubTransactionId subxact)
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
															 jr.transactions_fire, event,
															 (jint) subxact);

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
			fire(EVENT_PRE_COMMIT, InvalidSubTransactionId);
			break;
		case XACT_EVENT_PRE_PREPARE:
			fire(EVENT_PRE_PREPARE, InvalidSubTransactionId);
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
				 ? EVENT_COMMIT : EVENT_ABORT, InvalidSubTransactionId);
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
	if (!whole_transaction_aborting && !proc_exit_inprogress)
		fire(EVENT_SUB_ABORT, mySubid);
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

/* Keeps open_subxacts, from load time: savepoints made before the JVM starts count too. */
static void
track_subtransactions(SubXactEvent event, SubTransactionId mySubid,
					  SubTransactionId parentSubid, void *arg)
{
	if (event == SUBXACT_EVENT_START_SUB)
		push_subxact(mySubid);
	else if (event == SUBXACT_EVENT_COMMIT_SUB || event == SUBXACT_EVENT_ABORT_SUB)
		pop_subxact(mySubid);
}

static void
forget_subtransactions(XactEvent event, void *arg)
{
	if (event != XACT_EVENT_PRE_COMMIT && event != XACT_EVENT_PARALLEL_PRE_COMMIT &&
		event != XACT_EVENT_PRE_PREPARE)
	{
		open_subxact_count = 0;
		whole_transaction_aborting = false;
	}
}

/* At load time, so that every executor and every subtransaction is counted. */
void
pljvm_xact_setup(void)
{
	previous_executor_run = ExecutorRun_hook;
	ExecutorRun_hook = counting_executor_run;
	RegisterSubXactCallback(track_subtransactions, NULL);
	RegisterXactCallback(forget_subtransactions, NULL);
}

/*
 * Whether the client's next message is a Sync that has already arrived. Only
 * what is in the receive buffer is looked at: nothing waits for the client.
 */
static bool
sync_follows(void)
{
	int			next;

	if (whereToSendOutput != DestRemote || pq_is_reading_msg() || !pq_buffer_has_data())
		return false;
	pq_startmsgread();
	next = pq_peekbyte();
	pq_endmsgread();
	return next == 'S';
}

/*
 * Whether the active portal is SQL EXECUTE's (which PostgreSQL hides from
 * pg_cursors) inside a simple-protocol query (whose portal, the unnamed one,
 * has no cached plan, unlike every portal Bind makes).
 */
static bool
sql_execute_of_simple_query(void)
{
	Portal		outer;

	if (ActivePortal->visible)
		return false;
	outer = GetPortalByName("");
	return outer != NULL && outer->status == PORTAL_ACTIVE && outer->cplan == NULL;
}

/*
 * How far the statement being started reaches into its transaction.
 *
 * ALONE: the transaction ends with it (a simple-protocol query string of one
 * statement, not in BEGIN .. COMMIT, not run by a function, a DO block or a
 * procedure): Java may finish its remote work with the statement.
 *
 * An Execute of the extended query protocol outside a transaction block is
 * ALONE too when the client's next message, already received, is the Sync
 * that ends its transaction, and the transaction has written nothing here
 * (Java checks that it has no remote transactions open either): what
 * drivers send for one statement in autocommit.
 *
 * READS_ALONE: other portals made by Bind. Their transaction ends at the
 * client's Sync, and a JDBC batch or a pipeline sends more Executes before
 * that, so work elsewhere must wait for the transaction's end to commit. At
 * READ COMMITTED, though, a read sees on its own just what it would see in a
 * remote transaction started for it, so reads may still finish with the
 * statement. Only the extended protocol's portals (and SQL EXECUTE's) carry
 * a cached plan; SQL EXECUTE in a simple-protocol query is ALONE like the
 * query itself.
 *
 * TRANSACTION: anything else.
 */
static jint JNICALL
native_statement_scope(JNIEnv *env, jclass cls)
{
	if (pljvm_refuse_off_thread())
		return SCOPE_TRANSACTION;
	if (IsTransactionBlock() || executor_depth > 0 || pljvm_in_code_block())
		return SCOPE_TRANSACTION;
	if (ActivePortal != NULL && ActivePortal->cplan != NULL && !sql_execute_of_simple_query() &&
		!(sync_follows() && !TransactionIdIsValid(GetTopTransactionIdIfAny())))
		return XactIsoLevel == XACT_READ_COMMITTED ? SCOPE_READS_ALONE : SCOPE_TRANSACTION;
	return SCOPE_ALONE;
}

/* The transaction's isolation level, as PostgreSQL numbers it (XACT_READ_COMMITTED is 1). */
static jint JNICALL
native_isolation_level(JNIEnv *env, jclass cls)
{
	return XactIsoLevel;
}

/*
 * The role whose privileges the statement runs with now (SET ROLE, a SECURITY
 * DEFINER function): what work done elsewhere on its behalf should run as.
 */
static jlong JNICALL
native_current_user(JNIEnv *env, jclass cls)
{
	return (jlong) GetUserId();
}

/* The open subtransactions' ids, outermost first; null when there is none. */
static jintArray JNICALL
native_open_subtransactions(JNIEnv *env, jclass cls)
{
	jintArray	ids;

	if (pljvm_refuse_off_thread() || open_subxact_count == 0)
		return NULL;
	ids = (*env)->NewIntArray(env, open_subxact_count);
	if (ids != NULL)
		(*env)->SetIntArrayRegion(env, ids, 0, open_subxact_count, (const jint *) open_subxacts);
	return ids;
}

void
pljvm_xact_init(void)
{
	static const JNINativeMethod methods[] = {
		{"statementScope", "()I", (void *) native_statement_scope},
		{"openSubtransactions0", "()[I", (void *) native_open_subtransactions},
		{"isolationLevel", "()I", (void *) native_isolation_level},
		{"currentUser", "()J", (void *) native_current_user},
	};

	pljvm_register_natives("org/jcitus/pljvm/Transactions", methods, lengthof(methods));
	RegisterXactCallback(transaction_callback, NULL);
	RegisterSubXactCallback(subtransaction_callback, NULL);
}
