/*-------------------------------------------------------------------------
 *
 * pljvm.h
 *	  Declarations shared by the files of the pljvm runtime: a JVM inside
 *	  the backend that serves SQL functions, event triggers and transaction
 *	  callbacks with static Java methods.
 *
 * The rule that holds across these files: only the backend's own thread
 * enters PostgreSQL, and a longjmp (elog ERROR) never crosses a Java frame.
 * Natives called from Java therefore run PostgreSQL code under PG_TRY and
 * turn errors into Java exceptions (see errors.c); code that calls into Java
 * checks for a pending Java exception afterwards and turns it into an ERROR.
 *
 *-------------------------------------------------------------------------
 */
#ifndef PLJVM_H
#define PLJVM_H

#include "postgres.h"

#include <jni.h>

#include "access/htup.h"
#include "access/tupdesc.h"
#include "fmgr.h"
#include "nodes/execnodes.h"
#include "nodes/parsenodes.h"

/* GUCs (pljvm.c) */
extern char *pljvm_libjvm_location;
extern char *pljvm_classpath;
extern char *pljvm_vmoptions;
extern char *pljvm_planner_init;
extern char *pljvm_planner_catalog;

/* jvm.c: the JVM of this backend and the Java classes the runtime uses */
extern JNIEnv *pljvm_env;

typedef struct JavaRuntime
{
	/* org.jcitus.pljvm classes */
	jclass		dispatcher;
	jmethodID	dispatcher_resolve;
	jmethodID	dispatcher_invoke;
	jclass		error_report;
	jmethodID	error_report_describe;
	jclass		server_exception;
	jmethodID	server_exception_new;
	jfieldID	server_exception_handle;
	jclass		event_trigger_data;
	jmethodID	event_trigger_data_new;
	jclass		trigger_data;
	jmethodID	trigger_data_new;
	jclass		transactions;
	jmethodID	transactions_fire;
	jfieldID	transactions_listening;
	jclass		spi_result;
	jmethodID	spi_result_new;
	jclass		values;
	jmethodID	values_to_object_array;
	jclass		query_planning;
	jmethodID	query_planning_init;
	jmethodID	query_planning_plan;
	jmethodID	query_planning_execute;
	jmethodID	query_planning_explain;
	jmethodID	query_planning_modified;
	jmethodID	query_planning_copy_begin;
	jmethodID	query_planning_copy_rows;
	jmethodID	query_planning_copy_end;
	jmethodID	query_planning_copy_abort;

	/* java.* classes used for conversions */
	jclass		object;
	jclass		string;
	jclass		iterator;
	jmethodID	iterator_has_next;
	jmethodID	iterator_next;
	jmethodID	object_to_string;
	jclass		boolean_class;
	jmethodID	boolean_value_of;
	jmethodID	boolean_value;
	jclass		short_class;
	jmethodID	short_value_of;
	jclass		integer_class;
	jmethodID	integer_value_of;
	jclass		long_class;
	jmethodID	long_value_of;
	jclass		float_class;
	jmethodID	float_value_of;
	jclass		double_class;
	jmethodID	double_value_of;
	jclass		number;
	jmethodID	number_long_value;
	jmethodID	number_double_value;
	jclass		big_decimal;
	jmethodID	big_decimal_new;
	jclass		byte_array;
	jclass		object_array;
	jclass		illegal_state_exception;
	jclass		sql_exception;
} JavaRuntime;

extern JavaRuntime jr;

extern void pljvm_ensure_jvm(void);
extern bool pljvm_jvm_usable(void);
extern bool pljvm_on_backend_thread(void);
extern jclass pljvm_global_class(const char *name);
extern void pljvm_register_natives(const char *class_name,
								   const JNINativeMethod *methods, int count);

/*
 * Local references made while C calls into Java outside any native method
 * belong to the backend thread for ever unless a local frame holds them;
 * every such call runs inside a frame, popped even when an ERROR unwinds.
 */
extern int	pljvm_push_frame(void);
extern void pljvm_pop_frames(int depth);

/* errors.c */
extern void pljvm_check_exception(void);
extern void pljvm_throw_pg_error(MemoryContext oldcxt);
extern void pljvm_throw(jclass cls, const char *message);
extern bool pljvm_refuse_off_thread(void);
extern bool pljvm_refuse_after_caught_error(void);
extern void pljvm_error_handled_at_level(int nest_level);
extern void pljvm_rethrow_pending_error(void);
extern void pljvm_forget_errors(void);

/* convert.c: PostgreSQL values <-> Java objects */
extern jstring pljvm_cstring_to_jstring(const char *s);
extern jstring pljvm_cstring_to_jstring_or_null(const char *s);
extern char *pljvm_jstring_to_cstring(jstring s);
extern jobject pljvm_datum_to_java(Datum value, bool isnull, Oid type);
extern Datum pljvm_java_to_datum(jobject value, Oid type, int32 typmod, bool *isnull);
extern jobjectArray pljvm_tuple_to_java(HeapTuple tuple, TupleDesc desc);
extern HeapTuple pljvm_java_to_tuple(jobject row, TupleDesc desc);

/* handler.c */
extern void pljvm_handler_register_natives(void);
extern int	pljvm_call_depth(void);

/* spi.c */
extern void pljvm_spi_register_natives(void);
extern bool pljvm_in_java_spi(void);
extern void pljvm_spi_close_savepoints(int call_depth);
extern void pljvm_spi_forget_savepoints_from(int level);

/* statement.c: the text of the utility statement being run */
extern void pljvm_statement_init(void);
extern const char *pljvm_current_statement(void);
extern bool pljvm_in_code_block(void);

/* planner.c */
extern void pljvm_planner_setup(void);
extern void pljvm_xact_setup(void);
extern bool pljvm_planner_has_relation(Oid relid);
/* copy.c */
extern void pljvm_copy_init(void);
extern void pljvm_copy_register_natives(void);
extern void pljvm_planner_register_natives(void);

/* query_values.c */
extern List *pljvm_take_query_values(Query *query, int first_param);
extern void pljvm_compute_query_values(List *expressions, ParamListInfo params, ExprContext *econtext,
									   Datum *values, bool *nulls);

/* xact.c */
extern void pljvm_xact_init(void);
extern bool pljvm_xact_rolls_back(Node *stmt);
extern void pljvm_xact_whole_abort_follows(void);

/* interrupts.c */
extern void pljvm_interrupts_init(void);
extern void pljvm_interrupts_register_natives(void);
extern bool pljvm_interrupt_pending(void);

#endif							/* PLJVM_H */
