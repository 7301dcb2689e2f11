/*-------------------------------------------------------------------------
 *
 * handler.c
 *	  The call handler and validator of LANGUAGE pljvm: a function's body
 *	  'pkg.Class.method' names a static Java method, chosen by the declared
 *	  SQL argument types (Dispatcher.java decides which method fits).
 *
 * Plain functions, set-returning functions (materialize mode: Java returns
 * an Iterator, Iterable, Stream or array), composite results (Object[]),
 * event triggers (an EventTriggerData argument) and statement-level triggers
 * (a TriggerData argument) all come through here.
 *
 *-------------------------------------------------------------------------
 */
#include "pljvm.h"

#include "access/htup_details.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "commands/event_trigger.h"
#include "commands/trigger.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "parser/parse_type.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"
#include "utils/tuplestore.h"

/* What a call needs to know about its function, kept in fn_extra for the query. */
typedef struct FunctionPlan
{
	int			java_id;		/* Dispatcher's index of the resolved method */
	int			nargs;
	Oid		   *argtypes;
	Oid			rettype;
	bool		retset;
	bool		ret_composite;
} FunctionPlan;

/* How many pljvm calls are on the stack: savepoints belong to one of them. */
static int	call_depth = 0;

PG_FUNCTION_INFO_V1(pljvm_call_handler);
PG_FUNCTION_INFO_V1(pljvm_validator);

static jintArray
oid_array(const Oid *oids, int n)
{
	jintArray	array = (*pljvm_env)->NewIntArray(pljvm_env, n);
	jint	   *values = palloc(sizeof(jint) * (n + 1));

	for (int i = 0; i < n; i++)
		values[i] = (jint) oids[i];
	(*pljvm_env)->SetIntArrayRegion(pljvm_env, array, 0, n, values);
	pfree(values);
	return array;
}

static void
refuse_polymorphic(Oid type, const char *what, const char *name)
{
	if (IsPolymorphicType(type))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("pljvm function \"%s\" cannot have a polymorphic %s (%s)",
						name, what, format_type_be(type))));
}

static FunctionPlan *
plan_function(Oid fn_oid, MemoryContext mcxt)
{
	HeapTuple	proc = SearchSysCache1(PROCOID, ObjectIdGetDatum(fn_oid));
	Form_pg_proc form;
	FunctionPlan *plan;
	Oid		   *elements;
	char	   *source;
	int			depth;
	TypeFuncClass result_class;

	if (!HeapTupleIsValid(proc))
		elog(ERROR, "cache lookup failed for function %u", fn_oid);
	form = (Form_pg_proc) GETSTRUCT(proc);

	plan = MemoryContextAllocZero(mcxt, sizeof(FunctionPlan));
	plan->nargs = form->pronargs;
	plan->argtypes = MemoryContextAlloc(mcxt, sizeof(Oid) * (plan->nargs + 1));
	memcpy(plan->argtypes, form->proargtypes.values, sizeof(Oid) * plan->nargs);
	plan->rettype = form->prorettype;
	plan->retset = form->proretset;
	for (int i = 0; i < plan->nargs; i++)
		refuse_polymorphic(plan->argtypes[i], "argument", NameStr(form->proname));
	refuse_polymorphic(plan->rettype, "result", NameStr(form->proname));
	result_class = get_func_result_type(fn_oid, NULL, NULL);
	plan->ret_composite = (result_class == TYPEFUNC_COMPOSITE ||
						   result_class == TYPEFUNC_COMPOSITE_DOMAIN ||
						   result_class == TYPEFUNC_RECORD);
	source = TextDatumGetCString(SysCacheGetAttr(PROCOID, proc, Anum_pg_proc_prosrc, &(bool){false}));

	elements = palloc(sizeof(Oid) * (plan->nargs + 1));
	for (int i = 0; i < plan->nargs; i++)
		elements[i] = get_element_type(plan->argtypes[i]);

	depth = pljvm_push_frame();
	PG_TRY();
	{
		plan->java_id = (*pljvm_env)->CallStaticIntMethod(pljvm_env, jr.dispatcher,
														  jr.dispatcher_resolve,
														  pljvm_cstring_to_jstring(source),
														  oid_array(plan->argtypes, plan->nargs),
														  oid_array(elements, plan->nargs),
														  (jint) plan->rettype,
														  (jint) get_element_type(plan->rettype),
														  (jboolean) plan->retset,
														  (jboolean) plan->ret_composite);
		pljvm_check_exception();
	}
	PG_FINALLY();
	{
		pljvm_pop_frames(depth);
	}
	PG_END_TRY();
	ReleaseSysCache(proc);
	return plan;
}

/*
 * An argument declared "any" takes a value of any type, known only at the
 * call: it arrives as the text form of that type (its output function).
 */
static jobject
any_to_java(FunctionCallInfo fcinfo, int i)
{
	Oid			type = get_fn_expr_argtype(fcinfo->flinfo, i);
	Oid			output;
	bool		varlena;

	if (fcinfo->args[i].isnull)
		return NULL;
	if (!OidIsValid(type))
		ereport(ERROR,
				(errcode(ERRCODE_INDETERMINATE_DATATYPE),
				 errmsg("could not determine the type of argument %d", i + 1)));
	getTypeOutputInfo(type, &output, &varlena);
	return pljvm_cstring_to_jstring(OidOutputFunctionCall(output, fcinfo->args[i].value));
}

static jobjectArray
java_arguments(FunctionCallInfo fcinfo, FunctionPlan *plan)
{
	JNIEnv	   *env = pljvm_env;
	jobjectArray args = (*env)->NewObjectArray(env, plan->nargs, jr.object, NULL);

	pljvm_check_exception();
	for (int i = 0; i < plan->nargs; i++)
	{
		jobject		arg = plan->argtypes[i] == ANYOID
			? any_to_java(fcinfo, i)
			: pljvm_datum_to_java(fcinfo->args[i].value, fcinfo->args[i].isnull,
								  plan->argtypes[i]);

		pljvm_check_exception();	/* an argument larger than the heap can take */
		(*env)->SetObjectArrayElement(env, args, i, arg);
		(*env)->DeleteLocalRef(env, arg);
	}
	return args;
}

static jobjectArray
event_trigger_arguments(FunctionCallInfo fcinfo)
{
	JNIEnv	   *env = pljvm_env;
	EventTriggerData *trigger = (EventTriggerData *) fcinfo->context;
	jobjectArray args = (*env)->NewObjectArray(env, 1, jr.object, NULL);
	jobject		data = (*env)->NewObject(env, jr.event_trigger_data, jr.event_trigger_data_new,
										 pljvm_cstring_to_jstring(trigger->event),
										 pljvm_cstring_to_jstring(GetCommandTagName(trigger->tag)));

	pljvm_check_exception();
	(*env)->SetObjectArrayElement(env, args, 0, data);
	return args;
}

/*
 * A statement-level trigger's argument: a TriggerData naming the trigger, the
 * event, when it fires and the table. Row-level triggers would need rows
 * both ways, which pljvm does not offer.
 */
static jobjectArray
trigger_arguments(FunctionCallInfo fcinfo)
{
	JNIEnv	   *env = pljvm_env;
	TriggerData *trigger = (TriggerData *) fcinfo->context;
	Relation	rel = trigger->tg_relation;
	TriggerEvent e = trigger->tg_event;
	const char *event;
	jobjectArray args;
	jobject		data;

	if (!TRIGGER_FIRED_FOR_STATEMENT(e))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("pljvm functions can serve statement-level triggers only"),
				 errhint("Declare the trigger FOR EACH STATEMENT.")));
	event = TRIGGER_FIRED_BY_INSERT(e) ? "INSERT" : TRIGGER_FIRED_BY_UPDATE(e) ? "UPDATE" :
		TRIGGER_FIRED_BY_DELETE(e) ? "DELETE" : "TRUNCATE";
	data = (*env)->NewObject(env, jr.trigger_data, jr.trigger_data_new,
							 pljvm_cstring_to_jstring(trigger->tg_trigger->tgname),
							 pljvm_cstring_to_jstring(event),
							 pljvm_cstring_to_jstring(TRIGGER_FIRED_BEFORE(e) ? "BEFORE" : "AFTER"),
							 (jlong) RelationGetRelid(rel),
							 pljvm_cstring_to_jstring(get_namespace_name(RelationGetNamespace(rel))),
							 pljvm_cstring_to_jstring(RelationGetRelationName(rel)));
	pljvm_check_exception();
	args = (*env)->NewObjectArray(env, 1, jr.object, NULL);
	(*env)->SetObjectArrayElement(env, args, 0, data);
	return args;
}

/* Call Java and settle what it left behind: exceptions, swallowed errors, savepoints. */
static jobject
call_java(int java_id, jobjectArray args)
{
	jobject		result;

	call_depth++;
	PG_TRY();
	{
		result = (*pljvm_env)->CallStaticObjectMethod(pljvm_env, jr.dispatcher,
													  jr.dispatcher_invoke, java_id, args);
		pljvm_check_exception();
		pljvm_rethrow_pending_error();
		pljvm_spi_close_savepoints(call_depth);
	}
	PG_FINALLY();
	{
		call_depth--;
	}
	PG_END_TRY();
	CHECK_FOR_INTERRUPTS();
	return result;
}

static bool
iterator_has_next(jobject iterator)
{
	jboolean	more = (*pljvm_env)->CallBooleanMethod(pljvm_env, iterator, jr.iterator_has_next);

	pljvm_check_exception();
	pljvm_rethrow_pending_error();
	return more;
}

/* A set-returning call: drain the Iterator Java returned into a tuplestore. */
static void
materialize(FunctionCallInfo fcinfo, FunctionPlan *plan, jobject iterator)
{
	JNIEnv	   *env = pljvm_env;
	ReturnSetInfo *rsi = (ReturnSetInfo *) fcinfo->resultinfo;
	TupleDesc	desc;
	MemoryContext oldcxt;
	Tuplestorestate *store;

	if (rsi == NULL || !IsA(rsi, ReturnSetInfo) || (rsi->allowedModes & SFRM_Materialize) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("set-valued function called in context that cannot accept a set")));

	oldcxt = MemoryContextSwitchTo(rsi->econtext->ecxt_per_query_memory);
	if (plan->ret_composite)
	{
		if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("function returning record called in context that cannot accept type record")));
		desc = CreateTupleDescCopy(desc);
	}
	else
	{
		desc = CreateTemplateTupleDesc(1);
		TupleDescInitEntry(desc, 1, "value", plan->rettype, -1, 0);
	}
	store = tuplestore_begin_heap(true, false, work_mem);
	rsi->returnMode = SFRM_Materialize;
	rsi->setResult = store;
	rsi->setDesc = desc;
	MemoryContextSwitchTo(oldcxt);

	if (iterator == NULL)
		return;
	while (iterator_has_next(iterator))
	{
		jobject		row = (*env)->CallObjectMethod(env, iterator, jr.iterator_next);

		pljvm_check_exception();
		pljvm_rethrow_pending_error();
		if (plan->ret_composite)
			tuplestore_puttuple(store, pljvm_java_to_tuple(row, desc));
		else
		{
			bool		isnull;
			Datum		value = pljvm_java_to_datum(row, plan->rettype, -1, &isnull);

			tuplestore_putvalues(store, desc, &value, &isnull);
		}
		(*env)->DeleteLocalRef(env, row);
	}
	pljvm_spi_close_savepoints(call_depth + 1);
}

static Datum
convert_result(FunctionCallInfo fcinfo, FunctionPlan *plan, jobject result)
{
	bool		isnull;
	Datum		value;

	if (plan->retset)
	{
		materialize(fcinfo, plan, result);
		PG_RETURN_NULL();
	}
	if (plan->rettype == VOIDOID || plan->rettype == EVENT_TRIGGEROID)
		PG_RETURN_VOID();
	if (plan->rettype == TRIGGEROID)
		PG_RETURN_POINTER(NULL);
	if (plan->ret_composite)
	{
		TupleDesc	desc;

		if (result == NULL)
			PG_RETURN_NULL();
		if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("function returning record called in context that cannot accept type record")));
		desc = BlessTupleDesc(desc);
		return HeapTupleGetDatum(pljvm_java_to_tuple(result, desc));
	}
	value = pljvm_java_to_datum(result, plan->rettype, -1, &isnull);
	fcinfo->isnull = isnull;
	return value;
}

Datum
pljvm_call_handler(PG_FUNCTION_ARGS)
{
	FunctionPlan *plan;
	Datum		result;
	int			depth;

	pljvm_ensure_jvm();

	plan = (FunctionPlan *) fcinfo->flinfo->fn_extra;
	if (plan == NULL)
	{
		plan = plan_function(fcinfo->flinfo->fn_oid, fcinfo->flinfo->fn_mcxt);
		fcinfo->flinfo->fn_extra = plan;
	}

	depth = pljvm_push_frame();
	PG_TRY();
	{
		jobjectArray args = CALLED_AS_EVENT_TRIGGER(fcinfo) ? event_trigger_arguments(fcinfo)
			: CALLED_AS_TRIGGER(fcinfo) ? trigger_arguments(fcinfo)
			: java_arguments(fcinfo, plan);

		result = convert_result(fcinfo, plan, call_java(plan->java_id, args));
	}
	PG_FINALLY();
	{
		pljvm_pop_frames(depth);
	}
	PG_END_TRY();
	return result;
}

/*
 * CREATE FUNCTION ... LANGUAGE pljvm fails unless the class exists and has
 * a static method that fits the declared types.
 */
Datum
pljvm_validator(PG_FUNCTION_ARGS)
{
	Oid			fn_oid = PG_GETARG_OID(0);

	if (!CheckFunctionValidatorAccess(fcinfo->flinfo->fn_oid, fn_oid))
		PG_RETURN_VOID();
	if (!check_function_bodies)
		PG_RETURN_VOID();
	pljvm_ensure_jvm();
	pfree(plan_function(fn_oid, CurrentMemoryContext));
	PG_RETURN_VOID();
}

int
pljvm_call_depth(void)
{
	return call_depth;
}

static jstring JNICALL
native_current_statement(JNIEnv *env, jclass cls)
{
	const char *text;

	if (pljvm_refuse_off_thread())
		return NULL;
	text = pljvm_current_statement();
	/* no ERROR from a native: a full heap leaves its OutOfMemoryError to Java */
	return text ? pljvm_cstring_to_jstring_or_null(text) : NULL;
}

/*
 * Whether a boolean setting (a placeholder's too: another extension's setting
 * this runtime does not define) is on now; false when unset or not a boolean.
 */
static jboolean JNICALL
native_setting_is_on(JNIEnv *env, jclass cls, jstring name)
{
	MemoryContext oldcxt = CurrentMemoryContext;
	bool		on = false;

	if (pljvm_refuse_off_thread())
		return JNI_FALSE;
	PG_TRY();
	{
		const char *value = GetConfigOption(pljvm_jstring_to_cstring(name), true, false);

		if (value == NULL || !parse_bool(value, &on))
			on = false;
	}
	PG_CATCH();
	{
		pljvm_throw_pg_error(oldcxt);
	}
	PG_END_TRY();
	return on ? JNI_TRUE : JNI_FALSE;
}

/* Sends the client a NOTICE with this message and detail (null: none). */
static void JNICALL
native_notice(JNIEnv *env, jclass cls, jstring message, jstring detail)
{
	MemoryContext oldcxt = CurrentMemoryContext;

	if (pljvm_refuse_off_thread())
		return;
	PG_TRY();
	{
		const char *text = pljvm_jstring_to_cstring(message);
		const char *more = detail ? pljvm_jstring_to_cstring(detail) : NULL;

		ereport(NOTICE,
				(errmsg_internal("%s", text),
				 more ? errdetail_internal("%s", more) : 0));
	}
	PG_CATCH();
	{
		pljvm_throw_pg_error(oldcxt);
	}
	PG_END_TRY();
}

void
pljvm_handler_register_natives(void)
{
	static const JNINativeMethod methods[] = {
		{"currentStatement", "()Ljava/lang/String;", (void *) native_current_statement},
		{"settingIsOn", "(Ljava/lang/String;)Z", (void *) native_setting_is_on},
		{"notice", "(Ljava/lang/String;Ljava/lang/String;)V", (void *) native_notice},
	};

	pljvm_register_natives("org/jcitus/pljvm/Backend", methods, lengthof(methods));
}
