/*-------------------------------------------------------------------------
 *
 * copy.c
 *	  The COPY bridge: COPY FROM into a relation the Java planner registered
 *	  is parsed here, by PostgreSQL's own COPY code, and handed to Java in
 *	  batches of rows; COPY such a relation TO runs as COPY (SELECT ...) TO,
 *	  so that the planner bridge produces the rows.
 *
 * Every format and option COPY FROM has (text, csv, binary, HEADER, NULL,
 * FORCE_NULL, ...) works because PostgreSQL parses the input into values,
 * column defaults included; Java receives each batch re-encoded in COPY's
 * text format (tab-separated, \N for NULL, backslash escapes), one line per
 * row, in the server encoding: the form another server's COPY reads. With
 * each batch goes the input line of its first row (COPY's count), so that
 * Java can say which line an error is on, as COPY's own CONTEXT does for a
 * line that does not parse here.
 *
 * Java may also copy such lines into a local table (Backend.copyIn), e.g.
 * into a shard or a reference table's copy on this node, within the
 * transaction.
 *
 *-------------------------------------------------------------------------
 */
#include "pljvm.h"

#include "access/table.h"
#include "catalog/namespace.h"
#include "catalog/pg_authid.h"
#include "commands/copy.h"
#include "commands/copyfrom_internal.h"
#include "executor/executor.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "parser/parse_node.h"
#include "parser/parse_relation.h"
#include "tcop/utility.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/regproc.h"
#include "utils/rel.h"
#include "utils/varlena.h"

/* rows go to Java in batches of about this many bytes */
#define BATCH_BYTES (256 * 1024)

static ProcessUtility_hook_type previous_process_utility = NULL;

/* COPY's executor finds the target through the parse state's range table, as DoCopy sets it up */
static void
add_target(ParseState *pstate, Relation rel)
{
	ParseNamespaceItem *item = addRangeTableEntryForRelation(pstate, rel, RowExclusiveLock,
															 NULL, false, false);

	item->p_rte->requiredPerms = ACL_INSERT;
}

/* COPY's own rules for who may read server files or run programs */
static void
check_file_privileges(CopyStmt *stmt)
{
	if (stmt->filename == NULL)
		return;
	if (stmt->is_program && !has_privs_of_role(GetUserId(), ROLE_PG_EXECUTE_SERVER_PROGRAM))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("must be superuser or have privileges of the pg_execute_server_program role to COPY to or from an external program")));
	if (!stmt->is_program && !has_privs_of_role(GetUserId(), ROLE_PG_READ_SERVER_FILES))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("must be superuser or have privileges of the pg_read_server_files role to COPY from a file")));
}

/* A value in COPY's text format: the characters that would end a field or line, escaped. */
static void
append_escaped(StringInfo buf, const char *s)
{
	for (; *s; s++)
	{
		switch (*s)
		{
			case '\\':
				appendBinaryStringInfo(buf, "\\\\", 2);
				break;
			case '\t':
				appendBinaryStringInfo(buf, "\\t", 2);
				break;
			case '\n':
				appendBinaryStringInfo(buf, "\\n", 2);
				break;
			case '\r':
				appendBinaryStringInfo(buf, "\\r", 2);
				break;
			default:
				appendStringInfoCharMacro(buf, *s);
		}
	}
}

/*
 * The Java arrays a batch travels in, its lines and where each line ends, reused
 * from batch to batch of one COPY: new arrays per batch made the JVM collect
 * garbage every few batches. The ends spare Java a search for the newlines.
 */
static jbyteArray batch_array = NULL;
static int	batch_capacity = 0;
static jintArray ends_array = NULL;
static int	ends_capacity = 0;

static void
release_batch_arrays(void)
{
	if (batch_array != NULL)
		(*pljvm_env)->DeleteGlobalRef(pljvm_env, batch_array);
	if (ends_array != NULL)
		(*pljvm_env)->DeleteGlobalRef(pljvm_env, ends_array);
	batch_array = NULL;
	batch_capacity = 0;
	ends_array = NULL;
	ends_capacity = 0;
}

/* The offsets just past each line of a batch, as they are appended. */
typedef struct LineEnds
{
	jint	   *ends;
	int			count;
	int			capacity;
} LineEnds;

static void
add_line_end(LineEnds *lines, int end)
{
	if (lines->count == lines->capacity)
	{
		lines->capacity *= 2;
		lines->ends = repalloc(lines->ends, sizeof(jint) * lines->capacity);
	}
	lines->ends[lines->count++] = (jint) end;
}

/* A global reference to a new array (an error if making it failed), the old one released. */
static jarray
replace_kept_array(jarray old, jarray made)
{
	JNIEnv	   *env = pljvm_env;

	pljvm_check_exception();
	if (old != NULL)
		(*env)->DeleteGlobalRef(env, old);
	return (*env)->NewGlobalRef(env, made);
}

/* first_line: the input line (COPY's count, the header included) of the batch's first row */
static void
send_batch(jobject receiver, StringInfo buf, LineEnds *lines, uint64 first_line)
{
	JNIEnv	   *env = pljvm_env;
	int			depth = pljvm_push_frame();

	PG_TRY();
	{
		if (batch_capacity < buf->len)
		{
			int			capacity = Max(buf->len, BATCH_BYTES * 2);

			batch_array = replace_kept_array(batch_array, (*env)->NewByteArray(env, capacity));
			batch_capacity = capacity;
		}
		if (ends_capacity < lines->count)
		{
			int			capacity = Max(lines->count, lines->capacity);

			ends_array = replace_kept_array(ends_array, (*env)->NewIntArray(env, capacity));
			ends_capacity = capacity;
		}
		(*env)->SetByteArrayRegion(env, batch_array, 0, buf->len, (jbyte *) buf->data);
		(*env)->SetIntArrayRegion(env, ends_array, 0, lines->count, lines->ends);
		(*env)->CallStaticVoidMethod(env, jr.query_planning, jr.query_planning_copy_rows,
									 receiver, batch_array, ends_array, (jint) lines->count, (jlong) first_line);
		pljvm_check_exception();
	}
	PG_FINALLY();
	{
		pljvm_pop_frames(depth);
	}
	PG_END_TRY();
}

/* Java's receiver for COPY into the relation, a global reference, or NULL if Java declines. */
static jobject
begin_java_copy(Relation rel, List *attnums)
{
	JNIEnv	   *env = pljvm_env;
	TupleDesc	desc = RelationGetDescr(rel);
	int			depth = pljvm_push_frame();
	jobject		receiver = NULL;
	ListCell   *lc;
	int			i = 0;

	PG_TRY();
	{
		jobjectArray columns = (*env)->NewObjectArray(env, list_length(attnums), jr.string, NULL);
		jobject		local;

		foreach(lc, attnums)
		{
			Form_pg_attribute attr = TupleDescAttr(desc, lfirst_int(lc) - 1);

			(*env)->SetObjectArrayElement(env, columns, i++, pljvm_cstring_to_jstring(NameStr(attr->attname)));
		}
		local = (*env)->CallStaticObjectMethod(env, jr.query_planning, jr.query_planning_copy_begin,
											   (jlong) RelationGetRelid(rel), columns);
		pljvm_check_exception();
		if (local != NULL)
			receiver = (*env)->NewGlobalRef(env, local);
	}
	PG_FINALLY();
	{
		pljvm_pop_frames(depth);
	}
	PG_END_TRY();
	return receiver;
}

static uint64
end_java_copy(jobject receiver, bool abort)
{
	JNIEnv	   *env = pljvm_env;
	jlong		rows = 0;

	release_batch_arrays();
	if (abort)
	{
		(*env)->CallStaticVoidMethod(env, jr.query_planning, jr.query_planning_copy_abort, receiver);
		(*env)->ExceptionClear(env);
		return 0;
	}
	rows = (*env)->CallStaticLongMethod(env, jr.query_planning, jr.query_planning_copy_end, receiver);
	pljvm_check_exception();
	return (uint64) rows;
}

/*
 * Text or CSV input whose fields can go on as they are: no FORCE_NULL or
 * FORCE_NOT_NULL to apply, and no column left out that has a default to fill
 * in. Then the fields are not converted to values and back (the shards check
 * them as they read them); the columns are the ones COPY names, in its order.
 * NIL if the input must go through values.
 */
static List *
columns_of_raw_fields(ParseState *pstate, CopyStmt *stmt, Relation rel)
{
	TupleDesc	desc = RelationGetDescr(rel);
	CopyFormatOptions options;
	List	   *named;
	ListCell   *lc;

	memset(&options, 0, sizeof(options));
	ProcessCopyOptions(pstate, &options, true, stmt->options);
	if (options.binary || options.force_notnull != NIL || options.force_null != NIL)
		return NIL;
	named = CopyGetAttnums(desc, rel, stmt->attlist);
	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute attr = TupleDescAttr(desc, i);

		if (!attr->attisdropped && !list_member_int(named, i + 1) &&
			(attr->atthasdef || attr->attidentity || attr->attgenerated))
			return NIL;
	}
	foreach(lc, named)
	{
		if (TupleDescAttr(desc, lfirst_int(lc) - 1)->attgenerated)
			return NIL;
	}
	return named;
}

/* The next row's raw fields as a line; false at the end of the input. */
static bool
next_raw_line(CopyFromState cstate, Relation rel, List *columns, StringInfo buf)
{
	char	  **fields;
	int			count;
	int			expected = list_length(columns);

	if (!NextCopyFromRawFields(cstate, &fields, &count))
		return false;
	if (count > expected)
		ereport(ERROR,
				(errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
				 errmsg("extra data after last expected column")));
	if (count < expected)
		ereport(ERROR,
				(errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
				 errmsg("missing data for column \"%s\"",
						NameStr(TupleDescAttr(RelationGetDescr(rel), list_nth_int(columns, count) - 1)->attname))));
	if (!cstate->opts.csv_mode && strcmp(cstate->opts.delim, "\t") == 0 &&
		strcmp(cstate->opts.null_print, "\\N") == 0)
	{
		/* the input line is in the very format Java receives: pass it on */
		appendBinaryStringInfo(buf, cstate->line_buf.data, cstate->line_buf.len);
		appendStringInfoCharMacro(buf, '\n');
		return true;
	}
	for (int i = 0; i < count; i++)
	{
		if (i > 0)
			appendStringInfoCharMacro(buf, '\t');
		if (fields[i] == NULL)
			appendBinaryStringInfo(buf, "\\N", 2);
		else
			append_escaped(buf, fields[i]);
	}
	appendStringInfoCharMacro(buf, '\n');
	return true;
}

/* The next row, through values (defaults filled in), as a line; false at the end of the input. */
static bool
next_converted_line(CopyFromState cstate, ExprContext *econtext, List *columns, FmgrInfo *out,
					Datum *values, bool *nulls, StringInfo buf)
{
	ListCell   *lc;
	bool		first = true;

	if (!NextCopyFrom(cstate, econtext, values, nulls))
		return false;
	foreach(lc, columns)
	{
		int			i = lfirst_int(lc) - 1;

		if (!first)
			appendStringInfoCharMacro(buf, '\t');
		first = false;
		if (nulls[i])
			appendBinaryStringInfo(buf, "\\N", 2);
		else
			append_escaped(buf, OutputFunctionCall(&out[i], values[i]));
	}
	appendStringInfoCharMacro(buf, '\n');
	return true;
}

/*
 * COPY rel FROM ... through Java, row by row into text lines, batch by batch
 * into Java: the raw fields where they can go on as they are, otherwise every
 * column of the table (the ones COPY did not name get their defaults).
 * Returns false if Java declines the relation.
 */
static bool
copy_from_into_java(ParseState *pstate, CopyStmt *stmt, uint64 *processed)
{
	Relation	rel = table_openrv(stmt->relation, RowExclusiveLock);
	TupleDesc	desc = RelationGetDescr(rel);
	List	   *columns = NIL;
	FmgrInfo   *out = palloc0(sizeof(FmgrInfo) * desc->natts);
	Datum	   *values = palloc(sizeof(Datum) * desc->natts);
	bool	   *nulls = palloc(sizeof(bool) * desc->natts);
	List	   *raw_columns;
	jobject		receiver;
	AclResult	acl;

	/* as PostgreSQL's own COPY FROM checks, before the rows go anywhere */
	if (XactReadOnly && !rel->rd_islocaltemp)
		PreventCommandIfReadOnly("COPY FROM");
	PreventCommandIfParallelMode("COPY FROM");
	acl = pg_class_aclcheck(RelationGetRelid(rel), GetUserId(), ACL_INSERT);
	if (acl != ACLCHECK_OK)
		aclcheck_error(acl, get_relkind_objtype(rel->rd_rel->relkind), RelationGetRelationName(rel));
	check_file_privileges(stmt);
	if (stmt->whereClause != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("COPY FROM with WHERE is not supported for table \"%s\"", RelationGetRelationName(rel))));

	raw_columns = columns_of_raw_fields(pstate, stmt, rel);
	for (int i = 0; i < desc->natts && raw_columns == NIL; i++)
	{
		Form_pg_attribute attr = TupleDescAttr(desc, i);
		Oid			func;
		bool		varlena;

		if (attr->attisdropped || attr->attgenerated)
			continue;
		columns = lappend_int(columns, i + 1);
		getTypeOutputInfo(attr->atttypid, &func, &varlena);
		fmgr_info(func, &out[i]);
	}
	if (raw_columns != NIL)
		columns = raw_columns;

	receiver = begin_java_copy(rel, columns);
	if (receiver == NULL)
	{
		table_close(rel, NoLock);
		return false;
	}

	add_target(pstate, rel);
	PG_TRY();
	{
		CopyFromState cstate = BeginCopyFrom(pstate, rel, NULL, stmt->filename, stmt->is_program,
											 NULL, stmt->attlist, stmt->options);
		EState	   *estate = CreateExecutorState();
		ExprContext *econtext = GetPerTupleExprContext(estate);
		MemoryContext batchcxt = AllocSetContextCreate(CurrentMemoryContext, "pljvm COPY batch",
													   ALLOCSET_DEFAULT_SIZES);
		StringInfoData buf;
		LineEnds	lines = {NULL, 0, 4096};
		uint64		first_line = 0;
		ErrorContextCallback parsing;
		MemoryContext oldcxt = MemoryContextSwitchTo(batchcxt);

		initStringInfo(&buf);
		lines.ends = palloc(sizeof(jint) * lines.capacity);
		MemoryContextSwitchTo(oldcxt);
		for (;;)
		{
			bool		more;

			CHECK_FOR_INTERRUPTS();
			ResetPerTupleExprContext(estate);
			oldcxt = MemoryContextSwitchTo(GetPerTupleMemoryContext(estate));

			/*
			 * A row that does not parse is reported as PostgreSQL's COPY reports
			 * it, with its line; errors of the rows handed to Java say their
			 * line themselves, so the callback is there for parsing only.
			 */
			parsing.callback = CopyFromErrorCallback;
			parsing.arg = cstate;
			parsing.previous = error_context_stack;
			error_context_stack = &parsing;
			more = raw_columns != NIL ? next_raw_line(cstate, rel, columns, &buf) :
				next_converted_line(cstate, econtext, columns, out, values, nulls, &buf);
			error_context_stack = parsing.previous;
			MemoryContextSwitchTo(oldcxt);
			if (!more)
				break;
			if (lines.count == 0)
				first_line = cstate->cur_lineno;
			add_line_end(&lines, buf.len);
			if (buf.len >= BATCH_BYTES)
			{
				send_batch(receiver, &buf, &lines, first_line);
				resetStringInfo(&buf);
				lines.count = 0;
			}
		}
		if (lines.count > 0)
			send_batch(receiver, &buf, &lines, first_line);
		EndCopyFrom(cstate);
		FreeExecutorState(estate);
		MemoryContextDelete(batchcxt);
		*processed = end_java_copy(receiver, false);
	}
	PG_CATCH();
	{
		end_java_copy(receiver, true);
		(*pljvm_env)->DeleteGlobalRef(pljvm_env, receiver);
		PG_RE_THROW();
	}
	PG_END_TRY();
	(*pljvm_env)->DeleteGlobalRef(pljvm_env, receiver);
	table_close(rel, NoLock);
	return true;
}

/* COPY rel [(columns)] TO ... as COPY (SELECT columns FROM rel) TO ...: the planner bridge makes the rows. */
static CopyStmt *
copy_to_as_query(CopyStmt *stmt)
{
	CopyStmt   *copy = copyObject(stmt);
	SelectStmt *select = makeNode(SelectStmt);
	ListCell   *lc;

	if (stmt->attlist == NIL)
	{
		ColumnRef  *star = makeNode(ColumnRef);
		ResTarget  *target = makeNode(ResTarget);

		star->fields = list_make1(makeNode(A_Star));
		star->location = -1;
		target->val = (Node *) star;
		target->location = -1;
		select->targetList = list_make1(target);
	}
	foreach(lc, stmt->attlist)
	{
		ColumnRef  *column = makeNode(ColumnRef);
		ResTarget  *target = makeNode(ResTarget);

		column->fields = list_make1(makeString(strVal(lfirst(lc))));
		column->location = -1;
		target->val = (Node *) column;
		target->location = -1;
		select->targetList = lappend(select->targetList, target);
	}
	select->fromClause = list_make1(copyObject(stmt->relation));
	copy->relation = NULL;
	copy->attlist = NIL;
	copy->query = (Node *) select;
	return copy;
}

static void
next_process_utility(PlannedStmt *pstmt, const char *queryString, bool readOnlyTree,
					 ProcessUtilityContext context, ParamListInfo params,
					 QueryEnvironment *queryEnv, DestReceiver *dest, QueryCompletion *qc)
{
	if (previous_process_utility)
		previous_process_utility(pstmt, queryString, readOnlyTree, context, params, queryEnv, dest, qc);
	else
		standard_ProcessUtility(pstmt, queryString, readOnlyTree, context, params, queryEnv, dest, qc);
}

static void
copy_utility(PlannedStmt *pstmt, const char *queryString, bool readOnlyTree,
			 ProcessUtilityContext context, ParamListInfo params,
			 QueryEnvironment *queryEnv, DestReceiver *dest, QueryCompletion *qc)
{
	CopyStmt   *stmt = (CopyStmt *) pstmt->utilityStmt;
	Oid			relid;

	if (!IsA(stmt, CopyStmt) || stmt->relation == NULL || pljvm_in_java_spi() ||
		!OidIsValid(relid = RangeVarGetRelid(stmt->relation, AccessShareLock, true)) ||
		!pljvm_planner_has_relation(relid))
	{
		next_process_utility(pstmt, queryString, readOnlyTree, context, params, queryEnv, dest, qc);
		return;
	}
	if (stmt->is_from)
	{
		ParseState *pstate = make_parsestate(NULL);
		uint64		processed = 0;

		pstate->p_sourcetext = queryString;
		if (copy_from_into_java(pstate, stmt, &processed))
		{
			if (qc)
				SetQueryCompletion(qc, CMDTAG_COPY, processed);
			return;
		}
		next_process_utility(pstmt, queryString, readOnlyTree, context, params, queryEnv, dest, qc);
		return;
	}
	else
	{
		PlannedStmt *rewritten = copyObject(pstmt);

		rewritten->utilityStmt = (Node *) copy_to_as_query(stmt);
		next_process_utility(rewritten, queryString, false, context, params, queryEnv, dest, qc);
	}
}

void
pljvm_copy_init(void)
{
	previous_process_utility = ProcessUtility_hook;
	ProcessUtility_hook = copy_utility;
}

/* ---------- COPY text into a local table, for Java ---------- */

static const char *local_data;
static int	local_length;
static int	local_read;

static int
read_local_data(void *outbuf, int minread, int maxread)
{
	int			n = Min(maxread, local_length - local_read);

	memcpy(outbuf, local_data + local_read, n);
	local_read += n;
	return n;
}

static uint64
copy_into_local(const char *relation, List *columns, const char *data, int length)
{
	RangeVar   *rv = makeRangeVarFromNameList(stringToQualifiedNameList(relation));
	Relation	rel = table_openrv(rv, RowExclusiveLock);
	ParseState *pstate = make_parsestate(NULL);
	CopyFromState cstate;
	uint64		rows;
	AclResult	acl = pg_class_aclcheck(RelationGetRelid(rel), GetUserId(), ACL_INSERT);

	if (acl != ACLCHECK_OK)
		aclcheck_error(acl, get_relkind_objtype(rel->rd_rel->relkind), RelationGetRelationName(rel));
	if (local_data != NULL)
		elog(ERROR, "a local COPY from Java is already running");
	add_target(pstate, rel);
	local_data = data;
	local_length = length;
	local_read = 0;
	PG_TRY();
	{
		cstate = BeginCopyFrom(pstate, rel, NULL, NULL, false, read_local_data, columns, NIL);
		rows = CopyFrom(cstate);
		EndCopyFrom(cstate);
	}
	PG_FINALLY();
	{
		local_data = NULL;
	}
	PG_END_TRY();
	table_close(rel, NoLock);
	return rows;
}

/* Backend.copyIn: COPY text lines into a table of this node, in the current transaction. */
static jlong JNICALL
native_copy_in(JNIEnv *env, jclass cls, jstring relation, jobjectArray columns, jbyteArray data)
{
	MemoryContext oldcxt = CurrentMemoryContext;
	jlong		rows = 0;

	if (pljvm_refuse_off_thread() || pljvm_refuse_after_caught_error())
		return 0;
	PG_TRY();
	{
		jsize		length = (*env)->GetArrayLength(env, data);
		char	   *bytes = palloc(length + 1);
		List	   *names = NIL;
		jsize		n = (*env)->GetArrayLength(env, columns);

		(*env)->GetByteArrayRegion(env, data, 0, length, (jbyte *) bytes);
		for (jsize i = 0; i < n; i++)
		{
			jstring		name = (*env)->GetObjectArrayElement(env, columns, i);

			names = lappend(names, makeString(pljvm_jstring_to_cstring(name)));
			(*env)->DeleteLocalRef(env, name);
		}
		rows = (jlong) copy_into_local(pljvm_jstring_to_cstring(relation), names, bytes, length);
		pfree(bytes);
	}
	PG_CATCH();
	{
		pljvm_throw_pg_error(oldcxt);
	}
	PG_END_TRY();
	return rows;
}

void
pljvm_copy_register_natives(void)
{
	static const JNINativeMethod methods[] = {
		{"copyIn", "(Ljava/lang/String;[Ljava/lang/String;[B)J", (void *) native_copy_in},
	};

	pljvm_register_natives("org/jcitus/pljvm/Backend", methods, lengthof(methods));
}
