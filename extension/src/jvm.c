/*-------------------------------------------------------------------------
 *
 * jvm.c
 *	  Starts the JVM of a backend on first use and keeps what the rest of
 *	  the runtime needs from it: the JNIEnv of the backend thread, the Java
 *	  classes and methods it calls, and local reference frames.
 *
 * One JVM per backend, created lazily by the backend's own thread, which
 * stays attached to it for the life of the process. libjvm is loaded with
 * dlopen from pljvm.libjvm_location so that the runtime does not link
 * against one JDK. PostgreSQL owns the process's signals and its exit: the
 * JVM runs with -Xrs, its threads never receive PostgreSQL's signals, and
 * System.exit ends the backend the way PostgreSQL ends one.
 *
 *-------------------------------------------------------------------------
 */
#include "pljvm.h"

#include <dlfcn.h>
#include <unistd.h>
#include <dirent.h>
#include <pthread.h>
#include <signal.h>
#include <jvmti.h>

#include "access/parallel.h"
#include "miscadmin.h"
#include "postmaster/autovacuum.h"
#include "storage/ipc.h"
#include "utils/memutils.h"

JNIEnv	   *pljvm_env = NULL;
JavaRuntime jr;

static JavaVM *jvm = NULL;
static pthread_t backend_thread;
static bool jvm_started = false;
static bool jvm_exiting = false;
static bool jvm_creation_attempted = false;
static char *jvm_start_failure = NULL;
static int	frame_depth = 0;

typedef jint (*CreateJavaVM_t) (JavaVM **, void **, void *);

/*
 * The signals PostgreSQL handles in a backend: Java threads must not get
 * them. (SIGUSR2 is left alone: with -Xrs the JVM still uses it itself.)
 */
static void
postgres_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGHUP);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGQUIT);
	sigaddset(set, SIGALRM);
	sigaddset(set, SIGUSR1);
	sigaddset(set, SIGURG);
}

/*
 * JVMTI ThreadStart runs on each new Java thread before its run(): block
 * PostgreSQL's signals there, or the kernel may deliver one to a thread
 * that PostgreSQL's handlers do not expect.
 */
static void JNICALL
block_signals_in_new_thread(jvmtiEnv *jvmti, JNIEnv *env, jthread thread)
{
	sigset_t	set;

	if (pthread_equal(pthread_self(), backend_thread))
		return;
	postgres_signals(&set);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
}

static void
watch_new_threads(void)
{
	jvmtiEnv   *jvmti;
	jvmtiEventCallbacks callbacks;

	if ((*jvm)->GetEnv(jvm, (void **) &jvmti, JVMTI_VERSION_1_2) != JNI_OK)
		ereport(ERROR,
				(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
				 errmsg("could not get the JVM tool interface")));
	memset(&callbacks, 0, sizeof(callbacks));
	callbacks.ThreadStart = block_signals_in_new_thread;
	(*jvmti)->SetEventCallbacks(jvmti, &callbacks, sizeof(callbacks));
	(*jvmti)->SetEventNotificationMode(jvmti, JVMTI_ENABLE, JVMTI_EVENT_THREAD_START, NULL);
}

/*
 * System.exit and Runtime.halt end in the native Shutdown.halt0, rebound to
 * this function when the JVM starts. On the backend thread it ends the
 * backend the way a FATAL error does, so the postmaster sees an orderly exit
 * and the other sessions go on. Another thread may not enter PostgreSQL: it
 * asks the backend to terminate, as pg_terminate_backend would, and waits
 * for the end (returning would let the JVM exit the process).
 */
static void JNICALL
native_halt(JNIEnv *env, jclass cls, jint status)
{
	jvm_exiting = true;
	if (pthread_equal(pthread_self(), backend_thread))
		ereport(FATAL,
				(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
				 errmsg("Java called System.exit(%d): ending this session", (int) status)));
	kill(MyProcPid, SIGTERM);
	for (;;)
		pause();
}

/*
 * The JVM exits by itself (not through System.exit): on the backend thread
 * end as above; on another thread (the VM thread, while the backend thread
 * waits for it) nothing orderly is possible, and abort() at least tells the
 * postmaster that the backend died.
 */
static void
jvm_exit_hook(jint code)
{
	jvm_exiting = true;
	if (pthread_equal(pthread_self(), backend_thread))
		ereport(FATAL,
				(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
				 errmsg("the JVM exited with status %d: ending this session", (int) code)));
	write_stderr("pljvm: the JVM exited with status %d on a thread other than the backend's\n",
				 (int) code);
	abort();
}

static void
jvm_abort_hook(void)
{
	jvm_exiting = true;
	write_stderr("pljvm: the JVM aborted\n");
	abort();
}

/* Append the jars of a folder to a class path, in name order so it is stable. */
static void
append_jars(StringInfo path, const char *folder)
{
	struct dirent **entries;
	int			n = scandir(folder, &entries, NULL, alphasort);

	if (n < 0)
		return;
	for (int i = 0; i < n; i++)
	{
		const char *name = entries[i]->d_name;
		size_t		len = strlen(name);

		if (len > 4 && strcmp(name + len - 4, ".jar") == 0)
		{
			if (path->len > 0)
				appendStringInfoChar(path, ':');
			appendStringInfo(path, "%s/%s", folder, name);
		}
		free(entries[i]);
	}
	free(entries);
}

/* The class path with each folder entry ending in "/" and "*" expanded to its jars, as java -cp does. */
static char *
expanded_classpath(void)
{
	StringInfoData path;
	char	   *copy = pstrdup(pljvm_classpath);
	char	   *entry;
	char	   *save;

	initStringInfo(&path);
	for (entry = strtok_r(copy, ":", &save); entry; entry = strtok_r(NULL, ":", &save))
	{
		size_t		len = strlen(entry);

		if (len >= 2 && strcmp(entry + len - 2, "/*") == 0)
		{
			entry[len - 2] = '\0';
			append_jars(&path, entry);
		}
		else
		{
			if (path.len > 0)
				appendStringInfoChar(&path, ':');
			appendStringInfoString(&path, entry);
		}
	}
	return path.data;
}

static JavaVMInitArgs
jvm_arguments(void)
{
	JavaVMInitArgs args;
	List	   *options = NIL;
	char	   *copy = pstrdup(pljvm_vmoptions);
	char	   *word;
	char	   *save;
	int			i = 0;
	ListCell   *lc;

	/* -Xrs is not optional: the JVM must leave SIGINT, SIGTERM and SIGQUIT to PostgreSQL */
	options = lappend(options, "-Xrs");
	options = lappend(options, psprintf("-Djava.class.path=%s", expanded_classpath()));
	for (word = strtok_r(copy, " \t\n", &save); word; word = strtok_r(NULL, " \t\n", &save))
		options = lappend(options, word);

	args.version = JNI_VERSION_10;
	args.nOptions = list_length(options) + 2;
	args.options = palloc0(sizeof(JavaVMOption) * args.nOptions);
	args.ignoreUnrecognized = JNI_FALSE;
	foreach(lc, options)
		args.options[i++].optionString = lfirst(lc);
	args.options[i].optionString = "exit";
	args.options[i++].extraInfo = (void *) jvm_exit_hook;
	args.options[i].optionString = "abort";
	args.options[i++].extraInfo = (void *) jvm_abort_hook;
	return args;
}

static void
create_jvm(void)
{
	void	   *libjvm;
	CreateJavaVM_t create;
	JavaVMInitArgs args;
	sigset_t	blocked;
	sigset_t	saved;
	jint		rc;

	libjvm = dlopen(pljvm_libjvm_location, RTLD_NOW | RTLD_GLOBAL);
	if (libjvm == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_FILE),
				 errmsg("could not load the JVM library \"%s\"", pljvm_libjvm_location),
				 errdetail("%s", dlerror()),
				 errhint("Set pljvm.libjvm_location to the libjvm.so of a JDK 17.")));
	create = (CreateJavaVM_t) dlsym(libjvm, "JNI_CreateJavaVM");
	if (create == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_FILE),
				 errmsg("\"%s\" is not a JVM library", pljvm_libjvm_location),
				 errdetail("It has no JNI_CreateJavaVM.")));

	args = jvm_arguments();
	backend_thread = pthread_self();

	/* threads the JVM starts while it boots inherit this mask */
	postgres_signals(&blocked);
	pthread_sigmask(SIG_BLOCK, &blocked, &saved);
	jvm_creation_attempted = true;
	rc = create(&jvm, (void **) &pljvm_env, &args);
	pthread_sigmask(SIG_SETMASK, &saved, NULL);

	if (rc != JNI_OK)
		ereport(ERROR,
				(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
				 errmsg("could not start the JVM (JNI error %d)", (int) rc),
				 errdetail("Options: pljvm.vmoptions = '%s', pljvm.classpath = '%s'.",
						   pljvm_vmoptions, pljvm_classpath),
				 errhint("The server log may say more.")));
	watch_new_threads();
}

jclass
pljvm_global_class(const char *name)
{
	JNIEnv	   *env = pljvm_env;
	jclass		local = (*env)->FindClass(env, name);
	jclass		global;

	if (local == NULL)
	{
		(*env)->ExceptionClear(env);
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("Java class %s not found", name),
				 errhint("Check pljvm.classpath (now '%s').", pljvm_classpath)));
	}
	global = (*env)->NewGlobalRef(env, local);
	(*env)->DeleteLocalRef(env, local);
	return global;
}

static jmethodID
method(jclass cls, const char *name, const char *signature)
{
	jmethodID	m = (*pljvm_env)->GetMethodID(pljvm_env, cls, name, signature);

	if (m == NULL)
	{
		(*pljvm_env)->ExceptionClear(pljvm_env);
		elog(ERROR, "pljvm: Java method %s%s not found", name, signature);
	}
	return m;
}

static jmethodID
static_method(jclass cls, const char *name, const char *signature)
{
	jmethodID	m = (*pljvm_env)->GetStaticMethodID(pljvm_env, cls, name, signature);

	if (m == NULL)
	{
		(*pljvm_env)->ExceptionClear(pljvm_env);
		elog(ERROR, "pljvm: Java static method %s%s not found", name, signature);
	}
	return m;
}

static void
load_runtime_classes(void)
{
	JNIEnv	   *env = pljvm_env;

	jr.object = pljvm_global_class("java/lang/Object");
	jr.object_to_string = method(jr.object, "toString", "()Ljava/lang/String;");
	jr.string = pljvm_global_class("java/lang/String");
	jr.iterator = pljvm_global_class("java/util/Iterator");
	jr.iterator_has_next = method(jr.iterator, "hasNext", "()Z");
	jr.iterator_next = method(jr.iterator, "next", "()Ljava/lang/Object;");
	jr.boolean_class = pljvm_global_class("java/lang/Boolean");
	jr.boolean_value_of = static_method(jr.boolean_class, "valueOf", "(Z)Ljava/lang/Boolean;");
	jr.boolean_value = method(jr.boolean_class, "booleanValue", "()Z");
	jr.short_class = pljvm_global_class("java/lang/Short");
	jr.short_value_of = static_method(jr.short_class, "valueOf", "(S)Ljava/lang/Short;");
	jr.integer_class = pljvm_global_class("java/lang/Integer");
	jr.integer_value_of = static_method(jr.integer_class, "valueOf", "(I)Ljava/lang/Integer;");
	jr.long_class = pljvm_global_class("java/lang/Long");
	jr.long_value_of = static_method(jr.long_class, "valueOf", "(J)Ljava/lang/Long;");
	jr.float_class = pljvm_global_class("java/lang/Float");
	jr.float_value_of = static_method(jr.float_class, "valueOf", "(F)Ljava/lang/Float;");
	jr.double_class = pljvm_global_class("java/lang/Double");
	jr.double_value_of = static_method(jr.double_class, "valueOf", "(D)Ljava/lang/Double;");
	jr.number = pljvm_global_class("java/lang/Number");
	jr.number_long_value = method(jr.number, "longValue", "()J");
	jr.number_double_value = method(jr.number, "doubleValue", "()D");
	jr.big_decimal = pljvm_global_class("java/math/BigDecimal");
	jr.big_decimal_new = method(jr.big_decimal, "<init>", "(Ljava/lang/String;)V");
	jr.byte_array = pljvm_global_class("[B");
	jr.object_array = pljvm_global_class("[Ljava/lang/Object;");
	jr.illegal_state_exception = pljvm_global_class("java/lang/IllegalStateException");
	jr.sql_exception = pljvm_global_class("java/sql/SQLException");

	jr.dispatcher = pljvm_global_class("org/jcitus/pljvm/Dispatcher");
	jr.dispatcher_resolve = static_method(jr.dispatcher, "resolve",
										  "(Ljava/lang/String;[I[IIIZZ)I");
	jr.dispatcher_invoke = static_method(jr.dispatcher, "invoke",
										 "(I[Ljava/lang/Object;)Ljava/lang/Object;");
	jr.error_report = pljvm_global_class("org/jcitus/pljvm/ErrorReport");
	jr.error_report_describe = static_method(jr.error_report, "describe",
											 "(Ljava/lang/Throwable;)[Ljava/lang/String;");
	jr.server_exception = pljvm_global_class("org/jcitus/pljvm/ServerException");
	jr.server_exception_new = method(jr.server_exception, "<init>",
									 "(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;J)V");
	jr.server_exception_handle = (*env)->GetFieldID(env, jr.server_exception, "handle", "J");
	jr.event_trigger_data = pljvm_global_class("org/jcitus/pljvm/EventTriggerData");
	jr.event_trigger_data_new = method(jr.event_trigger_data, "<init>",
									   "(Ljava/lang/String;Ljava/lang/String;)V");
	jr.trigger_data = pljvm_global_class("org/jcitus/pljvm/TriggerData");
	jr.trigger_data_new = method(jr.trigger_data, "<init>",
								 "(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;JLjava/lang/String;Ljava/lang/String;)V");
	jr.transactions = pljvm_global_class("org/jcitus/pljvm/Transactions");
	jr.transactions_fire = static_method(jr.transactions, "fire", "(II)Ljava/lang/String;");
	jr.transactions_listening = (*env)->GetStaticFieldID(env, jr.transactions, "listening", "Z");
	if (jr.transactions_listening == NULL)
	{
		(*env)->ExceptionClear(env);
		elog(ERROR, "pljvm: Java field Transactions.listening not found");
	}
	jr.spi_result = pljvm_global_class("org/jcitus/pljvm/jdbc/SpiResult");
	jr.spi_result_new = method(jr.spi_result, "<init>",
							   "(Ljava/lang/String;J[Ljava/lang/String;[I[[Ljava/lang/Object;)V");
	jr.values = pljvm_global_class("org/jcitus/pljvm/Values");
	jr.values_to_object_array = static_method(jr.values, "toObjectArray",
											  "(Ljava/lang/Object;)[Ljava/lang/Object;");
	jr.query_planning = pljvm_global_class("org/jcitus/pljvm/QueryPlanning");
	jr.query_planning_init = static_method(jr.query_planning, "init", "(Ljava/lang/String;)V");
	jr.query_planning_plan = static_method(jr.query_planning, "plan", "([JLjava/lang/String;[III)I");
	jr.query_planning_execute = static_method(jr.query_planning, "execute",
											  "(I[Ljava/lang/Object;)Ljava/util/Iterator;");
	jr.query_planning_explain = static_method(jr.query_planning, "explain",
											  "(I[Ljava/lang/Object;ZZZ)[Ljava/lang/String;");
	jr.query_planning_modified = static_method(jr.query_planning, "modified", "(Ljava/util/Iterator;)J");
	jr.query_planning_copy_begin = static_method(jr.query_planning, "copyBegin",
												 "(J[Ljava/lang/String;)Ljava/lang/Object;");
	jr.query_planning_copy_rows = static_method(jr.query_planning, "copyRows", "(Ljava/lang/Object;[B[IIJ)V");
	jr.query_planning_copy_end = static_method(jr.query_planning, "copyEnd", "(Ljava/lang/Object;)J");
	jr.query_planning_copy_abort = static_method(jr.query_planning, "copyAbort", "(Ljava/lang/Object;)V");
}

/* Bind what the runtime replaces in the JDK, and start Java's side of interrupts. */
static void
start_java_side(void)
{
	static const JNINativeMethod halt[] = {
		{"halt0", "(I)V", (void *) native_halt},
	};
	jclass		interrupts = pljvm_global_class("org/jcitus/pljvm/Interrupts");

	pljvm_register_natives("java/lang/Shutdown", halt, lengthof(halt));
	(*pljvm_env)->CallStaticVoidMethod(pljvm_env, interrupts,
									   static_method(interrupts, "startWatchdog", "()V"));
	pljvm_check_exception();
}

void
pljvm_register_natives(const char *class_name, const JNINativeMethod *methods, int count)
{
	jclass		cls = pljvm_global_class(class_name);

	if ((*pljvm_env)->RegisterNatives(pljvm_env, cls, methods, count) != 0)
	{
		(*pljvm_env)->ExceptionClear(pljvm_env);
		elog(ERROR, "pljvm: could not register the native methods of %s", class_name);
	}
}

static void
start_jvm(void)
{
	MemoryContext oldcxt = MemoryContextSwitchTo(TopMemoryContext);

	create_jvm();
	load_runtime_classes();
	pljvm_handler_register_natives();
	pljvm_spi_register_natives();
	pljvm_interrupts_register_natives();
	pljvm_planner_register_natives();
	pljvm_copy_register_natives();
	pljvm_interrupts_init();
	start_java_side();
	pljvm_xact_init();
	MemoryContextSwitchTo(oldcxt);
}

/*
 * Start the JVM if this backend has none yet. A JVM cannot be created twice
 * in one process, so a failed start is remembered and reported again.
 */
void
pljvm_ensure_jvm(void)
{
	if (jvm_started)
		return;
	if (jvm_start_failure != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
				 errmsg("the JVM of this session failed to start earlier: %s", jvm_start_failure),
				 errhint("Start a new session once the cause is fixed.")));
	if (IsParallelWorker() || IsAutoVacuumWorkerProcess())
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("pljvm functions cannot run in a parallel or autovacuum worker"),
				 errhint("Mark the function PARALLEL UNSAFE.")));

	PG_TRY();
	{
		start_jvm();
	}
	PG_CATCH();
	{
		/* before JNI_CreateJavaVM ran, a corrected setting can still be tried */
		if (jvm_creation_attempted)
		{
			MemoryContext oldcxt = MemoryContextSwitchTo(TopMemoryContext);
			ErrorData  *edata = CopyErrorData();

			jvm_start_failure = pstrdup(edata->message);
			MemoryContextSwitchTo(oldcxt);
			FreeErrorData(edata);
		}
		PG_RE_THROW();
	}
	PG_END_TRY();
	jvm_started = true;
}

/* Whether Java may be called: the JVM runs and is not shutting down. */
bool
pljvm_jvm_usable(void)
{
	return jvm_started && !jvm_exiting;
}

bool
pljvm_on_backend_thread(void)
{
	return jvm_started && pthread_equal(pthread_self(), backend_thread);
}

int
pljvm_push_frame(void)
{
	if ((*pljvm_env)->PushLocalFrame(pljvm_env, 64) != 0)
	{
		(*pljvm_env)->ExceptionClear(pljvm_env);
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory in the JVM")));
	}
	return frame_depth++;
}

void
pljvm_pop_frames(int depth)
{
	while (frame_depth > depth)
	{
		(*pljvm_env)->PopLocalFrame(pljvm_env, NULL);
		frame_depth--;
	}
}
