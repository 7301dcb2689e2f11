/*-------------------------------------------------------------------------
 *
 * planner.c
 *	  The planner bridge: queries on relations Java has registered are
 *	  offered to a Java planner; if it takes one, the plan is a CustomScan
 *	  whose rows come from Java.
 *
 * Java sees the relation OIDs, the query as PostgreSQL deparses it
 * (pg_get_querydef: views expanded, $n for parameters) and the parameter
 * types; it answers with a plan id or declines (standard_planner runs).
 * At execution the CustomScan hands Java the parameter values and pulls the
 * rows; EXPLAIN shows Java's description of the plan.
 *
 * The set of relations is per backend and Java's to keep current. A backend
 * learns it by running pljvm.planner_init (a 'pkg.Class.method') before
 * planning its first query on a relation pljvm.planner_catalog lists (on any
 * user table when no catalog is set), and runs it again after any relcache
 * invalidation (a table created, altered or dropped, here or in another
 * session), so that a table that became Java's elsewhere is known. Until a
 * statement uses a listed relation, the catalog is read in C and the session
 * starts no JVM: a session on other tables pays nothing for Java.
 *
 *-------------------------------------------------------------------------
 */
#include "pljvm.h"

#include "access/transam.h"
#include "catalog/pg_type.h"
#include "commands/explain.h"
#include "executor/executor.h"
#include "miscadmin.h"
#include "pgtime.h"
#include "nodes/extensible.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/optimizer.h"
#include "optimizer/planner.h"
#include "parser/parsetree.h"
#include "rewrite/rewriteManip.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/guc.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/ruleutils.h"
#include "utils/regproc.h"
#include "utils/snapmgr.h"
#include "access/tableam.h"
#include "catalog/namespace.h"
#include "access/table.h"

char	   *pljvm_planner_init = NULL;
char	   *pljvm_planner_catalog = NULL;

static planner_hook_type previous_planner = NULL;
static HTAB *registered = NULL;
static bool init_done = false;
/* a relation changed somewhere since Java last registered its relations */
static bool registry_stale = false;

/*
 * The relations pljvm.planner_catalog lists, read before Java is asked (NULL:
 * not read, or the catalog does not list relations by OID), and whether a
 * relation changed since.
 */
static HTAB *listed = NULL;
static bool listed_stale = true;
static char *listed_from = NULL;	/* the pljvm.planner_catalog it was read from */
static bool callback_registered = false;

/* ---------- which queries go to Java ---------- */

typedef struct RelationScan
{
	List	   *registered_relids;	/* registered relations the query reads or writes */
	List	   *user_relids;	/* every user relation it reads or writes */
	bool		other_user_relation;	/* a user relation Java did not register */
	int			max_param;		/* the highest $n */
	Oid			param_types[FUNC_MAX_ARGS * 4]; /* of $1 .. (0 where unused or too high) */
} RelationScan;

/* Whether Java registered the relation (as the registry stands: no refresh). */
static bool
registered_relation(Oid relid)
{
	bool		found = false;

	if (registered != NULL)
		hash_search(registered, &relid, HASH_FIND, &found);
	return found;
}

static bool
scan_query(Node *node, RelationScan *scan)
{
	if (node == NULL)
		return false;
	if (IsA(node, Param))
	{
		Param	   *p = (Param *) node;

		if (p->paramkind == PARAM_EXTERN && p->paramid > 0)
		{
			if (p->paramid <= (int) lengthof(scan->param_types))
				scan->param_types[p->paramid - 1] = p->paramtype;
			scan->max_param = Max(scan->max_param, p->paramid);
		}
		return false;
	}
	if (IsA(node, RangeTblEntry))
	{
		RangeTblEntry *rte = (RangeTblEntry *) node;

		if (rte->rtekind == RTE_RELATION && rte->relid >= FirstNormalObjectId)
		{
			scan->user_relids = list_append_unique_oid(scan->user_relids, rte->relid);
			if (registered_relation(rte->relid))
				scan->registered_relids = list_append_unique_oid(scan->registered_relids, rte->relid);
			else
				scan->other_user_relation = true;
		}
		return false;
	}
	if (IsA(node, Query))
		return query_tree_walker((Query *) node, scan_query, scan, QTW_EXAMINE_RTES_BEFORE);
	return expression_tree_walker(node, scan_query, scan);
}

static void
relation_changed(Datum arg, Oid relid)
{
	registry_stale = true;
	listed_stale = true;
}

static void
listen_to_relation_changes(void)
{
	if (!callback_registered)
		CacheRegisterRelcacheCallback(relation_changed, (Datum) 0);
	callback_registered = true;
}

/* pljvm.planner_catalog, "" when unset */
static const char *
catalog_setting(void)
{
	return pljvm_planner_catalog != NULL ? pljvm_planner_catalog : "";
}

static Oid
planner_catalog_relid(void)
{
	if (catalog_setting()[0] == '\0')
		return InvalidOid;
	return RangeVarGetRelid(makeRangeVarFromNameList(stringToQualifiedNameList(pljvm_planner_catalog)),
							AccessShareLock, true);
}

/*
 * Whether the catalog has a row this transaction sees; with a set to fill,
 * every row's first column (an OID) goes into it, otherwise the first row
 * answers.
 */
static bool
scan_catalog(Relation rel, HTAB *into)
{
	Snapshot	snapshot = RegisterSnapshot(GetLatestSnapshot());
	TableScanDesc scan = table_beginscan(rel, snapshot, 0, NULL);
	TupleTableSlot *slot = table_slot_create(rel, NULL);
	bool		any = false;

	while (table_scan_getnextslot(scan, ForwardScanDirection, slot))
	{
		bool		isnull;
		Oid			relid;

		any = true;
		if (into == NULL)
			break;
		relid = DatumGetObjectId(slot_getattr(slot, 1, &isnull));
		if (!isnull)
			hash_search(into, &relid, HASH_ENTER, NULL);
	}
	ExecDropSingleTupleTableSlot(slot);
	table_endscan(scan);
	UnregisterSnapshot(snapshot);
	return any;
}

/*
 * Whether pljvm.planner_catalog names a table that is missing or has no row
 * this transaction sees: then Java would register nothing, and the session
 * need not start a JVM to learn it.
 */
static bool
planner_catalog_is_empty(void)
{
	Oid			relid;
	Relation	rel;
	bool		empty;

	if (catalog_setting()[0] == '\0')
		return false;
	relid = planner_catalog_relid();
	if (!OidIsValid(relid))
		return true;
	rel = table_open(relid, NoLock);
	empty = !scan_catalog(rel, NULL);
	table_close(rel, NoLock);
	return empty;
}

/*
 * Reads the relations the catalog lists into `listed`, when its first column
 * holds them (oid or regclass); otherwise (or without a catalog) `listed`
 * stays NULL and any user relation may be Java's. A missing catalog lists
 * nothing. The set is kept only once read whole: an error on the way leaves
 * it to be read again, never a part of it taken for the whole.
 */
static void
read_listed_relations(void)
{
	const char *catalog = catalog_setting();
	HTAB	   *read = NULL;
	HASHCTL		ctl;
	Oid			relid;

	if (listed != NULL)
		hash_destroy(listed);
	listed = NULL;
	listed_stale = true;
	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = sizeof(Oid);
	ctl.entrysize = sizeof(Oid);
	relid = planner_catalog_relid();
	if (catalog[0] != '\0' && !OidIsValid(relid))
		read = hash_create("pljvm listed relations", 16, &ctl, HASH_ELEM | HASH_BLOBS);
	else if (OidIsValid(relid))
	{
		Relation	rel = table_open(relid, NoLock);
		Oid			first_type = RelationGetDescr(rel)->natts > 0 ?
			TupleDescAttr(RelationGetDescr(rel), 0)->atttypid : InvalidOid;

		if (first_type == OIDOID || first_type == REGCLASSOID)
		{
			read = hash_create("pljvm listed relations", 64, &ctl, HASH_ELEM | HASH_BLOBS);
			PG_TRY();
			{
				scan_catalog(rel, read);
			}
			PG_CATCH();
			{
				hash_destroy(read);
				PG_RE_THROW();
			}
			PG_END_TRY();
		}
		table_close(rel, NoLock);
	}
	listed = read;
	if (listed_from != NULL)
		pfree(listed_from);
	listed_from = MemoryContextStrdup(TopMemoryContext, catalog);
	listed_stale = false;
}

/*
 * Whether Java must be asked which relations it plans before this statement
 * is planned: it has not been (or a relation changed since) and the statement
 * uses a relation the catalog lists (any user relation when it does not say).
 */
static bool
needs_planner_init(List *user_relids)
{
	ListCell   *lc;

	if (user_relids == NIL)
		return false;
	if (init_done)
		return registry_stale;
	listen_to_relation_changes();
	if (listed_stale || listed_from == NULL ||
		strcmp(listed_from, catalog_setting()) != 0)
		read_listed_relations();
	if (listed == NULL)
		return true;
	foreach(lc, user_relids)
	{
		Oid			relid = lfirst_oid(lc);

		if (hash_search(listed, &relid, HASH_FIND, NULL) != NULL)
			return true;
	}
	return false;
}

static void
forget_relations(void)
{
	if (registered != NULL)
		hash_destroy(registered);
	registered = NULL;
}

/* Run pljvm.planner_init in this backend: Java registers its relations. */
static void
run_planner_init(void)
{
	JNIEnv	   *env;
	int			depth;

	listen_to_relation_changes();
	init_done = true;
	registry_stale = false;
	if (pljvm_planner_init == NULL || pljvm_planner_init[0] == '\0' ||
		IsParallelWorker() || !IsNormalProcessingMode())
		return;
	if (planner_catalog_is_empty())
	{
		forget_relations();
		return;
	}
	pljvm_ensure_jvm();
	env = pljvm_env;
	depth = pljvm_push_frame();
	PG_TRY();
	{
		(*env)->CallStaticVoidMethod(env, jr.query_planning, jr.query_planning_init,
									 pljvm_cstring_to_jstring(pljvm_planner_init));
		pljvm_check_exception();
	}
	PG_FINALLY();
	{
		pljvm_pop_frames(depth);
	}
	PG_END_TRY();
}

/* ---------- the plan ---------- */

/*
 * What the query's top level has, as bits for Java (QueryPlanning.Features): a
 * planner that sends the query to several places needs to know whether the
 * pieces' rows simply add up, which the text alone does not tell (an aggregate
 * is a function call like any other).
 */
#define FEATURE_AGGREGATES 1
#define FEATURE_WINDOW_FUNCTIONS 2
#define FEATURE_GROUPING 4
#define FEATURE_ORDER 8
#define FEATURE_LIMIT 16
#define FEATURE_DISTINCT 32
#define FEATURE_SET_OPERATIONS 64
#define FEATURE_SUBLINKS 128
#define FEATURE_CTES 256
#define FEATURE_LOCKING 512
#define FEATURE_SET_RETURNING_FUNCTIONS 1024
#define FEATURE_OTHER_FROM_ITEMS 2048
#define FEATURE_UNREGISTERED_RELATIONS 4096
#define FEATURE_VOLATILE_WRITE 8192
#define FEATURE_DEFAULTS_HERE 16384
#define FEATURE_VOLATILE_READ 32768
/* an INSERT .. SELECT's SELECT: its features, in the bits from this one on */
#define FEATURE_SOURCE_SHIFT 16

static int
query_features(Query *parse, RelationScan *scan)
{
	int			features = 0;
	ListCell   *lc;

	if (parse->hasAggs)
		features |= FEATURE_AGGREGATES;
	if (parse->hasWindowFuncs)
		features |= FEATURE_WINDOW_FUNCTIONS;
	if (parse->groupClause != NIL || parse->groupingSets != NIL || parse->havingQual != NULL)
		features |= FEATURE_GROUPING;
	if (parse->sortClause != NIL)
		features |= FEATURE_ORDER;
	if (parse->limitCount != NULL || parse->limitOffset != NULL)
		features |= FEATURE_LIMIT;
	if (parse->distinctClause != NIL)
		features |= FEATURE_DISTINCT;
	if (parse->setOperations != NULL)
		features |= FEATURE_SET_OPERATIONS;
	if (parse->hasSubLinks)
		features |= FEATURE_SUBLINKS;
	if (parse->cteList != NIL)
		features |= FEATURE_CTES;
	if (parse->rowMarks != NIL)
		features |= FEATURE_LOCKING;
	if (parse->hasTargetSRFs)
		features |= FEATURE_SET_RETURNING_FUNCTIONS;
	foreach(lc, parse->rtable)
	{
		RangeTblEntry *rte = lfirst_node(RangeTblEntry, lc);

		if (rte->rtekind != RTE_RELATION && rte->rtekind != RTE_JOIN &&
			!(rte->rtekind == RTE_VALUES && parse->commandType == CMD_INSERT))
			features |= FEATURE_OTHER_FROM_ITEMS;
	}
	if (scan->other_user_relation)
		features |= FEATURE_UNREGISTERED_RELATIONS;
	return features;
}

static CustomScanMethods scan_methods;

static List *
output_columns(Query *parse)
{
	List	   *source = parse->returningList != NIL ? parse->returningList :
		(parse->commandType == CMD_SELECT ? parse->targetList : NIL);
	List	   *columns = NIL;
	ListCell   *lc;

	foreach(lc, source)
	{
		TargetEntry *te = lfirst_node(TargetEntry, lc);

		if (!te->resjunk)
			columns = lappend(columns, te);
	}
	return columns;
}

/*
 * The plan keeps what Java was given, so that Java can plan the query again if
 * it dropped the plan (it keeps a bounded number): its id, the text, the command,
 * the parameter types and the relations; and the expressions computed here at
 * each execution, the last parameters (query_values.c).
 */
#define PRIVATE_PLAN_ID 0
#define PRIVATE_TEXT 1
#define PRIVATE_COMMAND 2
#define PRIVATE_PARAM_TYPES 3
#define PRIVATE_RELIDS 4
#define PRIVATE_FEATURES 5
#define PRIVATE_COMPUTED 6

/*
 * Adds the relation entries of the query's subqueries (CTEs, sublinks, FROM
 * subqueries) to the list: PostgreSQL's planner flattens them into the plan's
 * range table, where the executor checks each one's permissions (a DELETE in a
 * CTE needs DELETE on its table; a subquery's table, SELECT) and read-only
 * transactions refuse writes, and where a cached plan's locks are taken.
 */
static bool
add_subquery_relations(Node *node, List **entries)
{
	if (node == NULL)
		return false;
	if (IsA(node, Query))
	{
		ListCell   *lc;

		foreach(lc, ((Query *) node)->rtable)
		{
			RangeTblEntry *rte = lfirst_node(RangeTblEntry, lc);

			if (rte->rtekind == RTE_RELATION)
				*entries = lappend(*entries, rte);
		}
		return query_tree_walker((Query *) node, add_subquery_relations, entries, 0);
	}
	return expression_tree_walker(node, add_subquery_relations, entries);
}

/* The query's range table, then the relation entries of its subqueries. */
static List *
every_relation_entry(Query *parse)
{
	List	   *entries = list_copy(parse->rtable);

	query_tree_walker(parse, add_subquery_relations, &entries, 0);
	return entries;
}

/*
 * The range table entry the scan's columns belong to, for EXPLAIN VERBOSE to
 * name them by ("pljvm.column"): the scan tuple's entries must be expressions
 * EXPLAIN can print, and Java's rows come from no relation. A function entry
 * without functions, as the planner leaves those it no longer needs; nothing
 * scans it, checks its privileges or locks it.
 */
static RangeTblEntry *
scan_entry(List *columns)
{
	RangeTblEntry *rte = makeNode(RangeTblEntry);
	List	   *names = NIL;
	ListCell   *lc;

	foreach(lc, columns)
	{
		TargetEntry *te = lfirst_node(TargetEntry, lc);

		names = lappend(names, makeString(pstrdup(te->resname ? te->resname : "?column?")));
	}
	rte->rtekind = RTE_FUNCTION;
	rte->alias = makeAlias("pljvm", NIL);
	rte->eref = makeAlias("pljvm", names);
	rte->inFromCl = false;
	return rte;
}

static PlannedStmt *
java_plan(Query *parse, int plan_id, const char *text, List *param_types, List *relids,
		  List *relation_oids, int features, List *computed)
{
	CustomScan *cscan = makeNode(CustomScan);
	PlannedStmt *stmt = makeNode(PlannedStmt);
	List	   *columns = output_columns(parse);
	List	   *rtable = every_relation_entry(parse);
	Index		scan_rti;
	List	   *scan_tlist = NIL;
	List	   *tlist = NIL;
	ListCell   *lc;
	AttrNumber	attno = 0;

	rtable = lappend(rtable, scan_entry(columns));
	scan_rti = list_length(rtable);
	foreach(lc, columns)
	{
		TargetEntry *te = lfirst_node(TargetEntry, lc);
		Node	   *expr = (Node *) te->expr;
		char	   *name = te->resname ? pstrdup(te->resname) : NULL;

		attno++;
		scan_tlist = lappend(scan_tlist,
							 makeTargetEntry((Expr *) makeVar(scan_rti, attno, exprType(expr), exprTypmod(expr),
															  exprCollation(expr), 0), attno, name, false));
		tlist = lappend(tlist,
						makeTargetEntry((Expr *) makeVar(INDEX_VAR, attno, exprType(expr), exprTypmod(expr),
														 exprCollation(expr), 0), attno, name, false));
	}
	cscan->scan.plan.targetlist = tlist;
	cscan->scan.plan.parallel_safe = false;
	cscan->scan.scanrelid = 0;
	cscan->custom_scan_tlist = scan_tlist;
	cscan->custom_private = list_make5(makeInteger(plan_id), makeString(pstrdup(text)),
									   makeInteger((int) parse->commandType), param_types, relids);
	cscan->custom_private = lappend(cscan->custom_private, makeInteger(features));
	cscan->custom_private = lappend(cscan->custom_private, computed);
	cscan->methods = &scan_methods;

	stmt->commandType = parse->commandType;
	stmt->queryId = parse->queryId;
	stmt->hasReturning = parse->returningList != NIL;
	/* a data-modifying CTE: read-only transactions refuse it, portals run it to the end */
	stmt->hasModifyingCTE = parse->hasModifyingCTE;
	stmt->canSetTag = parse->canSetTag;
	stmt->planTree = (Plan *) cscan;
	stmt->rtable = rtable;
	stmt->relationOids = relation_oids;
	stmt->stmt_location = parse->stmt_location;
	stmt->stmt_len = parse->stmt_len;
	return stmt;
}

/* Java's plan id for the query, or -1 if Java declines it. */
static int
java_plan_id(List *relids, const char *text, List *param_types, int command, int features)
{
	JNIEnv	   *env = pljvm_env;
	int			depth;
	int			plan_id = -1;
	int			n = list_length(relids);
	int			nparams = list_length(param_types);
	jlong	   *oids = palloc(sizeof(jlong) * (n + 1));
	jint	   *types = palloc(sizeof(jint) * (nparams + 1));
	ListCell   *lc;
	int			i = 0;

	foreach(lc, relids)
		oids[i++] = (jlong) (Oid) intVal(lfirst(lc));
	i = 0;
	foreach(lc, param_types)
		types[i++] = (jint) intVal(lfirst(lc));

	depth = pljvm_push_frame();
	PG_TRY();
	{
		jlongArray joids = (*env)->NewLongArray(env, n);
		jintArray	jtypes = (*env)->NewIntArray(env, nparams);

		(*env)->SetLongArrayRegion(env, joids, 0, n, oids);
		(*env)->SetIntArrayRegion(env, jtypes, 0, nparams, types);
		plan_id = (*env)->CallStaticIntMethod(env, jr.query_planning, jr.query_planning_plan,
											  joids, pljvm_cstring_to_jstring(text), jtypes,
											  (jint) command, (jint) features);
		pljvm_check_exception();
	}
	PG_FINALLY();
	{
		pljvm_pop_frames(depth);
	}
	PG_END_TRY();
	return plan_id;
}

/*
 * INSERT .. VALUES with several rows, as the planner gets it: the rewriter put
 * the target list in column order and added the omitted columns' defaults,
 * but left the VALUES rows as written, which ruleutils prints under the
 * target list's column names: wrong when the statement named its columns in
 * another order or omitted some. Rebuild each row in target list order, each
 * default evaluated in place, so that the text says what the query does.
 */
typedef struct ValuesRow
{
	Index		values_rtindex;
	List	   *row;
} ValuesRow;

static Node *
substitute_values_column(Node *node, ValuesRow *context)
{
	if (node == NULL)
		return NULL;
	if (IsA(node, Var) && ((Var *) node)->varno == (int) context->values_rtindex &&
		((Var *) node)->varlevelsup == 0)
		return copyObject(list_nth(context->row, ((Var *) node)->varattno - 1));
	return expression_tree_mutator(node, substitute_values_column, context);
}

static void
rows_in_target_order(Query *query)
{
	RangeTblRef *ref;
	RangeTblEntry *values;
	List	   *rows = NIL;
	List	   *types = NIL;
	List	   *typmods = NIL;
	List	   *collations = NIL;
	List	   *names = NIL;
	ListCell   *lc;
	int			column = 0;

	if (query->commandType != CMD_INSERT || list_length(query->jointree->fromlist) != 1 ||
		!IsA(linitial(query->jointree->fromlist), RangeTblRef))
		return;
	ref = linitial(query->jointree->fromlist);
	values = rt_fetch(ref->rtindex, query->rtable);
	if (values->rtekind != RTE_VALUES)
		return;
	foreach(lc, values->values_lists)
	{
		ValuesRow	context = {ref->rtindex, lfirst(lc)};
		List	   *row = NIL;
		ListCell   *tl;

		foreach(tl, query->targetList)
		{
			TargetEntry *te = lfirst_node(TargetEntry, tl);

			if (!te->resjunk)
				row = lappend(row, substitute_values_column((Node *) te->expr, &context));
		}
		rows = lappend(rows, row);
	}
	foreach(lc, query->targetList)
	{
		TargetEntry *te = lfirst_node(TargetEntry, lc);
		Node	   *expr = (Node *) te->expr;
		char		name[32];

		if (te->resjunk)
			continue;
		column++;
		snprintf(name, sizeof(name), "column%d", column);
		types = lappend_oid(types, exprType(expr));
		typmods = lappend_int(typmods, exprTypmod(expr));
		collations = lappend_oid(collations, exprCollation(expr));
		names = lappend(names, makeString(pstrdup(name)));
		te->expr = (Expr *) makeVar(ref->rtindex, column, exprType(expr), exprTypmod(expr), exprCollation(expr), 0);
	}
	values->values_lists = rows;
	values->coltypes = types;
	values->coltypmods = typmods;
	values->colcollations = collations;
	values->eref->colnames = names;
}

/* The SELECT an INSERT takes its rows from, if it has one. */
static RangeTblRef *
insert_source(Query *query)
{
	RangeTblRef *ref;

	if (query->commandType != CMD_INSERT || list_length(query->jointree->fromlist) != 1 ||
		!IsA(linitial(query->jointree->fromlist), RangeTblRef))
		return NULL;
	ref = linitial(query->jointree->fromlist);
	return rt_fetch(ref->rtindex, query->rtable)->rtekind == RTE_SUBQUERY ? ref : NULL;
}

/* An assignment to an array element or a field: printed in the column list, not as a value. */
static bool
assigns_part_walker(Node *node, void *context)
{
	if (node == NULL)
		return false;
	if (IsA(node, FieldStore) ||
		(IsA(node, SubscriptingRef) && ((SubscriptingRef *) node)->refassgnexpr != NULL))
		return true;
	return expression_tree_walker(node, assigns_part_walker, context);
}

/* Whether the expression reads a column of the range table entry (at its own level). */
static bool
reads_entry_walker(Node *node, int *rtindex)
{
	if (node == NULL)
		return false;
	if (IsA(node, Var))
		return ((Var *) node)->varno == *rtindex && ((Var *) node)->varlevelsup == 0;
	return expression_tree_walker(node, reads_entry_walker, rtindex);
}

/*
 * An assignment's length coercion (varchar(n), char(n), bit(n): the call's last
 * argument says it is not explicit), which the INSERT that receives the value
 * makes again. Printed in a SELECT's target list it would read as an explicit
 * cast, which truncates a value where the assignment raises an error.
 */
static Expr *
without_assignment_length_coercion(Expr *expr)
{
	FuncExpr   *f;
	Node	   *explicit;

	if (!IsA(expr, FuncExpr))
		return expr;
	f = (FuncExpr *) expr;
	if (f->funcformat != COERCE_IMPLICIT_CAST || list_length(f->args) != 3 ||
		exprType(linitial(f->args)) != f->funcresulttype)
		return expr;
	explicit = llast(f->args);
	if (!IsA(explicit, Const) || ((Const *) explicit)->constisnull || DatumGetBool(((Const *) explicit)->constvalue))
		return expr;
	return (Expr *) linitial(f->args);
}

/*
 * While Java plans an INSERT .. SELECT into a Citus table: the columns the
 * statement omits whose defaults are volatile (a serial's nextval), which the
 * text leaves out for the planner to compute here, a value per row: column
 * name and expression text in turn. The nodes that run the SELECT or the
 * INSERT could not compute them (they have no such sequence), and each copy
 * of a reference table would compute its own.
 */
static List *insert_defaults = NIL;

/*
 * INSERT .. SELECT has the trouble of INSERT .. VALUES above: the rewriter's
 * target list (in column order, omitted columns' defaults added, assignment
 * casts applied) sits over the SELECT's own columns, and ruleutils prints the
 * column list from the one and the SELECT as written. Put the target list into
 * a SELECT of its own around the original one, whose columns the INSERT then
 * takes one for one: INSERT INTO t (a, b, c) SELECT s.x, nextval(..), s.y::int
 * FROM (...) s (length coercions left to the INSERT). An assignment to an
 * element or a field cannot be a SELECT's value: such a statement stays as
 * ruleutils prints it. Into a table Java did not register (a local one, its
 * rows coming from Citus tables), the omitted columns stay omitted: the local
 * INSERT computes their defaults (a serial's nextval, which the nodes that run
 * the SELECT could not). Into a Citus table, omitted columns with volatile
 * defaults are left out for the planner (insert_defaults).
 */
static void
select_in_target_order(Query *query)
{
	RangeTblRef *ref = insert_source(query);
	RangeTblEntry *source;
	Query	   *outer;
	RangeTblEntry *inner;
	RangeTblRef *from;
	List	   *outer_list = NIL;
	List	   *names = NIL;
	List	   *targets = NIL;
	ListCell   *lc;
	int			column = 0;
	bool		local_target;

	if (ref == NULL || assigns_part_walker((Node *) query->targetList, NULL))
		return;
	source = rt_fetch(ref->rtindex, query->rtable);
	local_target = !registered_relation(rt_fetch(query->resultRelation, query->rtable)->relid);

	/* the original SELECT goes one level down: its references to the INSERT's CTEs reach one further */
	inner = copyObject(source);
	inner->inFromCl = true;
	IncrementVarSublevelsUp((Node *) inner->subquery, 1, 1);

	outer = makeNode(Query);
	outer->commandType = CMD_SELECT;
	outer->querySource = QSRC_ORIGINAL;
	outer->canSetTag = true;
	outer->rtable = list_make1(inner);
	from = makeNode(RangeTblRef);
	from->rtindex = 1;
	outer->jointree = makeFromExpr(list_make1(from), NULL);
	foreach(lc, query->targetList)
	{
		TargetEntry *te = lfirst_node(TargetEntry, lc);
		Expr	   *expr;

		if (te->resjunk)
		{
			targets = lappend(targets, te);
			continue;
		}
		if (!reads_entry_walker((Node *) te->expr, &ref->rtindex))
		{
			if (local_target)
				continue;
			if (contain_volatile_functions((Node *) te->expr))
			{
				insert_defaults = lappend(insert_defaults, makeString(pstrdup(te->resname)));
				insert_defaults = lappend(insert_defaults,
										  makeString(deparse_expression((Node *) te->expr, NIL, false, false)));
				continue;
			}
		}
		targets = lappend(targets, te);
		column++;
		expr = copyObject(without_assignment_length_coercion(te->expr));
		ChangeVarNodes((Node *) expr, ref->rtindex, 1, 0);
		outer->hasSubLinks |= checkExprHasSubLink((Node *) expr);
		outer_list = lappend(outer_list, makeTargetEntry(expr, column, pstrdup(te->resname), false));
		names = lappend(names, makeString(pstrdup(te->resname)));
		te->expr = (Expr *) makeVar(ref->rtindex, column, exprType((Node *) expr), exprTypmod((Node *) expr),
									exprCollation((Node *) expr), 0);
	}
	outer->targetList = outer_list;
	source->subquery = outer;
	source->eref->colnames = names;
	query->targetList = targets;
}

/*
 * While text is made for another node, floats print exactly: below 1,
 * extra_float_digits rounds them (some clients lower it). Returns the GUC nest
 * level to restore, or -1 when nothing changed (the usual case, which costs a
 * comparison).
 */
static int
print_floats_exactly(void)
{
	int			nest;

	if (extra_float_digits >= 1)
		return -1;
	nest = NewGUCNestLevel();
	(void) set_config_option("extra_float_digits", "1", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	return nest;
}

static void
restore_float_printing(int nest)
{
	if (nest >= 0)
		AtEOXact_GUC(true, nest);
}

/*
 * While Java plans an INSERT .. SELECT: where each inserted column comes from
 * when it is, as it is, a column of a table the SELECT reads at its own level.
 * Three numbers per column, in the column list's order: the relation's OID,
 * the column's number, and whether the SELECT groups by it (zeros for a
 * column computed otherwise). A planner may then tell whether each row
 * belongs where the row it comes from is.
 */
static jlong *insert_columns = NULL;
static int	insert_column_numbers = 0;

static void
find_insert_columns(Query *parse, RangeTblRef *source)
{
	Query	   *select = rt_fetch(source->rtindex, parse->rtable)->subquery;
	ListCell   *lc;
	int			n = 0;

	insert_columns = palloc0(sizeof(jlong) * 3 * (list_length(parse->targetList) + 1));
	foreach(lc, parse->targetList)
	{
		TargetEntry *te = lfirst_node(TargetEntry, lc);
		Var		   *var = (Var *) te->expr;
		TargetEntry *from;

		if (te->resjunk)
			continue;
		n++;
		if (!IsA(var, Var) || var->varno != (int) source->rtindex || var->varlevelsup != 0)
			continue;
		from = get_tle_by_resno(select->targetList, var->varattno);
		if (from == NULL || !IsA(from->expr, Var) || ((Var *) from->expr)->varlevelsup != 0)
			continue;
		var = (Var *) from->expr;
		if (rt_fetch(var->varno, select->rtable)->rtekind != RTE_RELATION)
			continue;
		insert_columns[3 * (n - 1)] = (jlong) rt_fetch(var->varno, select->rtable)->relid;
		insert_columns[3 * (n - 1) + 1] = (jlong) var->varattno;
		insert_columns[3 * (n - 1) + 2] = from->ressortgroupref != 0 && select->groupingSets == NIL &&
			get_sortgroupref_clause_noerr(from->ressortgroupref, select->groupClause) != NULL;
	}
	insert_column_numbers = 3 * n;
}

static PlannedStmt *
offer_to_java(Query *parse, RelationScan *scan)
{
	Query	   *deparsed = copyObject(parse);
	char	   *text;
	List	   *relids = NIL;
	List	   *param_types = NIL;
	ListCell   *lc;
	int			features = query_features(parse, scan);
	RangeTblRef *source = insert_source(parse);
	int			plan_id;
	List	   *computed;
	int			float_printing;

	rows_in_target_order(deparsed);
	insert_defaults = NIL;
	select_in_target_order(deparsed);
	if (insert_defaults != NIL)
		features |= FEATURE_DEFAULTS_HERE;
	computed = pljvm_take_query_values(deparsed, scan->max_param + 1);
	float_printing = print_floats_exactly();
	text = pg_get_querydef(deparsed, false);
	restore_float_printing(float_printing);
	/* an INSERT .. SELECT's SELECT is a query of its own, with features of its own */
	if (source != NULL)
	{
		Query	   *select = rt_fetch(source->rtindex, parse->rtable)->subquery;
		RelationScan select_scan;

		/* the relations it reads (its CTEs' included), not the statement's target */
		memset(&select_scan, 0, sizeof(select_scan));
		scan_query((Node *) select, &select_scan);
		foreach(lc, parse->cteList)
			scan_query(lfirst_node(CommonTableExpr, lc)->ctequery, &select_scan);
		features |= query_features(select, &select_scan) << FEATURE_SOURCE_SHIFT;
	}
	/*
	 * What is still volatile runs once per row, wherever the text goes; a
	 * SELECT that calls it cannot be run again for the same rows.
	 */
	if (contain_volatile_functions((Node *) deparsed))
		features |= (parse->commandType != CMD_SELECT || parse->hasModifyingCTE)
			? FEATURE_VOLATILE_WRITE : FEATURE_VOLATILE_READ;

	foreach(lc, scan->registered_relids)
		relids = lappend(relids, makeInteger((int) lfirst_oid(lc)));
	for (int i = 0; i < scan->max_param; i++)
		param_types = lappend(param_types, makeInteger(i < (int) lengthof(scan->param_types)
													   ? (int) scan->param_types[i] : 0));
	foreach(lc, computed)
		param_types = lappend(param_types, makeInteger((int) exprType(lfirst(lc))));
	insert_columns = NULL;
	if (source != NULL)
		find_insert_columns(parse, source);
	plan_id = java_plan_id(relids, text, param_types, (int) parse->commandType, features);
	insert_columns = NULL;
	insert_defaults = NIL;
	return plan_id < 0 ? NULL :
		java_plan(parse, plan_id, text, param_types, relids, scan->registered_relids, features, computed);
}

/*
 * Whether Java registered the relation (for the COPY bridge), after Java
 * registered its relations again if anything changed.
 */
bool
pljvm_planner_has_relation(Oid relid)
{
	if (relid < FirstNormalObjectId)
		return false;
	if (needs_planner_init(list_make1_oid(relid)))
		run_planner_init();
	return registered_relation(relid);
}

/*
 * A scrollable cursor's plan: Java's rows go forward only, so a Material node
 * above keeps them for FETCH BACKWARD and rewinds, as PostgreSQL's planner adds
 * one above any plan that cannot scan backward.
 */
static Plan *
materialized(Plan *scan)
{
	Material   *material = makeNode(Material);
	ListCell   *lc;

	foreach(lc, scan->targetlist)
	{
		TargetEntry *te = lfirst_node(TargetEntry, lc);
		Node	   *expr = (Node *) te->expr;
		Var		   *column = makeVar(OUTER_VAR, te->resno, exprType(expr), exprTypmod(expr),
									 exprCollation(expr), 0);

		material->plan.targetlist = lappend(material->plan.targetlist,
											makeTargetEntry((Expr *) column, te->resno,
															te->resname, false));
	}
	material->plan.lefttree = scan;
	material->plan.parallel_safe = false;
	return (Plan *) material;
}

/*
 * The relations the query uses, after Java registered its relations again if
 * one of them changed.
 */
static void
scan_registered(Query *parse, RelationScan *scan)
{
	memset(scan, 0, sizeof(*scan));
	scan_query((Node *) parse, scan);
	if (needs_planner_init(scan->user_relids))
	{
		run_planner_init();
		memset(scan, 0, sizeof(*scan));
		scan_query((Node *) parse, scan);
	}
}

/*
 * MERGE is not offered to Java (PostgreSQL 15 cannot deparse it), and PostgreSQL
 * would run it on the registered relation's local rows, which are not the
 * relation's rows to Java's planner: refused.
 */
static void
refuse_merge_on_registered(Query *parse)
{
	RelationScan scan;

	scan_registered(parse, &scan);
	if (scan.registered_relids != NIL)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("MERGE is not supported on table \"%s\"",
						get_rel_name(linitial_oid(scan.registered_relids))),
				 errdetail("A Java planner (pljvm.planner_init) plans the queries on this table, and MERGE is not offered to it."),
				 errhint("Use INSERT ... ON CONFLICT, UPDATE or DELETE instead.")));
}

static PlannedStmt *
bridge_planner(Query *parse, const char *query_string, int cursorOptions, ParamListInfo boundParams)
{
	RelationScan scan;

	/*
	 * Queries and DML are offered; statements Java itself runs through SPI are
	 * not, so that Java reaches a registered relation's local rows.
	 */
	if ((parse->commandType == CMD_SELECT || parse->commandType == CMD_INSERT ||
		 parse->commandType == CMD_UPDATE || parse->commandType == CMD_DELETE) &&
		parse->utilityStmt == NULL && !pljvm_in_java_spi())
	{
		scan_registered(parse, &scan);
		if (scan.registered_relids != NIL)
		{
			PlannedStmt *stmt = offer_to_java(parse, &scan);

			if (stmt != NULL && (cursorOptions & CURSOR_OPT_SCROLL))
				stmt->planTree = materialized(stmt->planTree);
			if (stmt != NULL)
				return stmt;
		}
	}
	else if (parse->commandType == CMD_MERGE && !pljvm_in_java_spi())
		refuse_merge_on_registered(parse);
	if (previous_planner)
		return previous_planner(parse, query_string, cursorOptions, boundParams);
	return standard_planner(parse, query_string, cursorOptions, boundParams);
}

/* ---------- execution ---------- */

typedef struct JavaScanState
{
	CustomScanState css;
	List	   *plan_private;	/* the CustomScan's custom_private */
	List	   *computed;		/* expressions computed here, the last parameters */
	int			first_computed; /* the index of their first parameter */
	int			plan_id;
	CmdType		command;
	jobject		rows;			/* the Iterator Java returned, a global reference */
	uint64		rows_returned;
} JavaScanState;

static CustomExecMethods exec_methods;

static Node *
create_scan_state(CustomScan *cscan)
{
	JavaScanState *state = (JavaScanState *) newNode(sizeof(JavaScanState), T_CustomScanState);

	state->css.methods = &exec_methods;
	state->plan_private = cscan->custom_private;
	state->plan_id = intVal(list_nth(cscan->custom_private, PRIVATE_PLAN_ID));
	state->command = (CmdType) intVal(list_nth(cscan->custom_private, PRIVATE_COMMAND));
	state->computed = list_nth(cscan->custom_private, PRIVATE_COMPUTED);
	state->first_computed = list_length(list_nth(cscan->custom_private, PRIVATE_PARAM_TYPES)) -
		list_length(state->computed);
	return (Node *) state;
}

/*
 * A parameter's value for Java. Arrays and composites go as their text form:
 * a planner sends values on as text, and the text keeps what Java's arrays
 * would not (every dimension, the bounds).
 */
static jobject
parameter_to_java(Datum value, bool isnull, Oid type)
{
	Oid			output;
	bool		varlena;

	if (isnull || !(OidIsValid(get_element_type(type)) || type_is_rowtype(type)))
		return pljvm_datum_to_java(value, isnull, type);
	getTypeOutputInfo(type, &output, &varlena);
	return pljvm_cstring_to_jstring(OidOutputFunctionCall(output, value));
}

/*
 * The query's own parameter values (not the values computed here), from the
 * first element of values on.
 */
static void
set_query_parameters(jobjectArray values, JavaScanState *state, ParamListInfo params)
{
	JNIEnv	   *env = pljvm_env;
	int			nparams = params ? params->numParams : 0;

	for (int i = 0; i < nparams && i < state->first_computed; i++)
	{
		ParamExternData workspace;

		/*
		 * Lists with a fetch hook (PL/pgSQL's) fill in a value only when
		 * asked; the ones the query does not use come back null.
		 */
		ParamExternData *p = params->paramFetch != NULL
			? params->paramFetch(params, i + 1, false, &workspace)
			: &params->params[i];
		jobject		value = parameter_to_java(p->value, p->isnull, p->ptype);

		pljvm_check_exception();	/* a value larger than the heap can take */
		(*env)->SetObjectArrayElement(env, values, i, value);
		(*env)->DeleteLocalRef(env, value);
	}
}

/*
 * The execution's parameter values for Java: the query's own, then the
 * values of the expressions computed here.
 */
static jobjectArray
java_parameters(JavaScanState *state, ParamListInfo params, ExprContext *econtext)
{
	JNIEnv	   *env = pljvm_env;
	int			nparams = params ? params->numParams : 0;
	int			ncomputed = list_length(state->computed);
	int			count = Max(nparams, state->first_computed + ncomputed);
	jobjectArray values = (*env)->NewObjectArray(env, count, jr.object, NULL);
	Datum	   *computed = palloc(sizeof(Datum) * (ncomputed + 1));
	bool	   *nulls = palloc(sizeof(bool) * (ncomputed + 1));
	ListCell   *lc;

	pljvm_check_exception();
	set_query_parameters(values, state, params);
	pljvm_compute_query_values(state->computed, params, econtext, computed, nulls);
	foreach(lc, state->computed)
	{
		int			i = foreach_current_index(lc);
		jobject		value = parameter_to_java(computed[i], nulls[i], exprType(lfirst(lc)));

		pljvm_check_exception();
		(*env)->SetObjectArrayElement(env, values, state->first_computed + i, value);
		(*env)->DeleteLocalRef(env, value);
	}
	return values;
}

static void
begin_scan(CustomScanState *node, EState *estate, int eflags)
{
	JavaScanState *state = (JavaScanState *) node;
	JNIEnv	   *env = pljvm_env;
	int			depth;

	if (eflags & EXEC_FLAG_EXPLAIN_ONLY)
		return;
	pljvm_ensure_jvm();
	depth = pljvm_push_frame();
	PG_TRY();
	{
		int			float_printing = print_floats_exactly();
		jobjectArray values = java_parameters(state, estate->es_param_list_info,
											  node->ss.ps.ps_ExprContext);
		jobject		rows;

		restore_float_printing(float_printing);
		rows = (*env)->CallStaticObjectMethod(env, jr.query_planning, jr.query_planning_execute,
											  (jint) state->plan_id, values);
		pljvm_check_exception();
		if (rows == NULL)
		{
			/* Java no longer holds this plan: it plans the same query again */
			List	   *private = state->plan_private;

			state->plan_id = java_plan_id(list_nth(private, PRIVATE_RELIDS),
										  strVal(list_nth(private, PRIVATE_TEXT)),
										  list_nth(private, PRIVATE_PARAM_TYPES),
										  (int) state->command,
										  intVal(list_nth(private, PRIVATE_FEATURES)));
			if (state->plan_id < 0)
				ereport(ERROR,
						(errcode(ERRCODE_INTERNAL_ERROR),
						 errmsg("the Java planner declined a query it had planned before")));
			/* the plan (a prepared statement's, say) keeps the new id for its next runs */
			intVal(list_nth(private, PRIVATE_PLAN_ID)) = state->plan_id;
			rows = (*env)->CallStaticObjectMethod(env, jr.query_planning, jr.query_planning_execute,
												  (jint) state->plan_id, values);
			pljvm_check_exception();
		}
		state->rows = (*env)->NewGlobalRef(env, rows);
	}
	PG_FINALLY();
	{
		pljvm_pop_frames(depth);
	}
	PG_END_TRY();
}

/*
 * At the end of a data-modifying plan's rows: the command's row count is what
 * Java says it modified (SELECT counts in the executor itself).
 */
static void
count_modified_rows(JavaScanState *state)
{
	JNIEnv	   *env = pljvm_env;
	jlong		modified;

	if (state->command == CMD_SELECT)
		return;
	modified = (*env)->CallStaticLongMethod(env, jr.query_planning, jr.query_planning_modified,
											state->rows);
	pljvm_check_exception();
	state->css.ss.ps.state->es_processed += modified >= 0 ? (uint64) modified : state->rows_returned;
}

/* The next row from Java into the scan slot, or an empty slot at the end. */
static TupleTableSlot *
next_row(ScanState *node)
{
	JavaScanState *state = (JavaScanState *) node;
	JNIEnv	   *env = pljvm_env;
	TupleTableSlot *slot = node->ss_ScanTupleSlot;
	TupleDesc	desc = slot->tts_tupleDescriptor;
	MemoryContext oldcxt = MemoryContextSwitchTo(node->ps.ps_ExprContext->ecxt_per_tuple_memory);
	int			depth;

	ExecClearTuple(slot);
	if (state->rows == NULL)
		return slot;
	depth = pljvm_push_frame();
	PG_TRY();
	{
		jboolean	more = (*env)->CallBooleanMethod(env, state->rows, jr.iterator_has_next);

		pljvm_check_exception();
		if (more)
		{
			jobjectArray row = (*env)->CallObjectMethod(env, state->rows, jr.iterator_next);

			pljvm_check_exception();
			if (row == NULL || (*env)->GetArrayLength(env, row) != desc->natts)
				ereport(ERROR,
						(errcode(ERRCODE_DATATYPE_MISMATCH),
						 errmsg("a row from the Java plan has %d values, but the query has %d columns",
								row == NULL ? 0 : (*env)->GetArrayLength(env, row), desc->natts)));
			for (int i = 0; i < desc->natts; i++)
			{
				Form_pg_attribute attr = TupleDescAttr(desc, i);
				jobject		value = (*env)->GetObjectArrayElement(env, row, i);

				slot->tts_values[i] = pljvm_java_to_datum(value, attr->atttypid, attr->atttypmod,
														  &slot->tts_isnull[i]);
				(*env)->DeleteLocalRef(env, value);
			}
			ExecStoreVirtualTuple(slot);
			state->rows_returned++;
		}
		else
		{
			count_modified_rows(state);
			(*env)->DeleteGlobalRef(env, state->rows);
			state->rows = NULL;
		}
	}
	PG_FINALLY();
	{
		pljvm_pop_frames(depth);
	}
	PG_END_TRY();
	MemoryContextSwitchTo(oldcxt);
	return slot;
}

static bool
recheck_row(ScanState *node, TupleTableSlot *slot)
{
	return true;
}

static TupleTableSlot *
exec_scan(CustomScanState *node)
{
	return ExecScan(&node->ss, next_row, recheck_row);
}

static void
end_scan(CustomScanState *node)
{
	JavaScanState *state = (JavaScanState *) node;

	if (state->rows != NULL && pljvm_jvm_usable())
		(*pljvm_env)->DeleteGlobalRef(pljvm_env, state->rows);
	state->rows = NULL;
}

static void
rescan(CustomScanState *node)
{
	ereport(ERROR,
			(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
			 errmsg("a Java plan cannot be scanned again")));
}

/*
 * One task Java shows: a Task with the node it runs on and the lines of its
 * plan there (lines[first] to lines[end - 1]), nested as PostgreSQL nests a
 * plan's children; in formats other than text, the plan as one property.
 */
static void
explain_task(char **lines, int first, int end, ExplainState *es)
{
	ExplainOpenGroup("Task", NULL, true, es);
	if (es->format != EXPLAIN_FORMAT_TEXT)
	{
		StringInfoData plan;

		initStringInfo(&plan);
		for (int i = first + 1; i < end; i++)
			appendStringInfo(&plan, "%s%s", i > first + 1 ? "\n" : "", lines[i]);
		ExplainPropertyText("Node", lines[first], es);
		ExplainPropertyText("Remote Plan", plan.data, es);
	}
	else
	{
		appendStringInfoSpaces(es->str, es->indent * 2);
		appendStringInfoString(es->str, "->  Task\n");
		es->indent += 3;
		ExplainPropertyText("Node", lines[first], es);
		for (int i = first + 1; i < end; i++)
		{
			appendStringInfoSpaces(es->str, es->indent * 2);
			appendStringInfo(es->str, "%s%s\n", i == first + 1 ? "->  " : "    ", lines[i]);
		}
		es->indent -= 3;
	}
	ExplainCloseGroup("Task", NULL, true, es);
}

/*
 * Prints what Java said of the plan (see PlannedQuery.explain): its line; then,
 * if there are more, the task count, the tasks shown, and each task shown (its
 * node and plan lines, up to a null element).
 */
static void
explain_lines(jobjectArray lines, ExplainState *es)
{
	JNIEnv	   *env = pljvm_env;
	int			count = lines ? (*env)->GetArrayLength(env, lines) : 0;
	char	  **text = palloc0(sizeof(char *) * (count + 1));

	for (int i = 0; i < count; i++)
	{
		jstring		line = (*env)->GetObjectArrayElement(env, lines, i);

		text[i] = line ? pljvm_jstring_to_cstring(line) : NULL;
		(*env)->DeleteLocalRef(env, line);
	}
	ExplainPropertyText("Java Plan", count > 0 && text[0] ? text[0] : "", es);
	if (count < 4)
		return;
	ExplainPropertyText("Task Count", text[1] ? text[1] : "", es);
	ExplainPropertyText("Tasks Shown", text[2] ? text[2] : "", es);
	ExplainOpenGroup("Tasks", "Tasks", false, es);
	for (int first = 3; first < count;)
	{
		int			end = first;

		while (end < count && text[end] != NULL)
			end++;
		if (end > first)
			explain_task(text, first, end, es);
		first = end + 1;
	}
	ExplainCloseGroup("Tasks", "Tasks", false, es);
}

/*
 * EXPLAIN: Java's line for the plan, and without ANALYZE what Java adds (see
 * PlannedQuery.explain): the task count, the tasks shown, and each task shown
 * with its own plan, nested as PostgreSQL nests a plan's children. The values
 * computed here are not computed for EXPLAIN (they may be volatile), so Java
 * gets the query's own parameters alone.
 */
static void
explain_scan(CustomScanState *node, List *ancestors, ExplainState *es)
{
	JavaScanState *state = (JavaScanState *) node;
	ParamListInfo params = node->ss.ps.state->es_param_list_info;
	JNIEnv	   *env;
	int			depth;

	pljvm_ensure_jvm();
	env = pljvm_env;
	depth = pljvm_push_frame();
	PG_TRY();
	{
		int			nparams = params ? Min(params->numParams, state->first_computed) : 0;
		jobjectArray values = NULL;
		jobjectArray lines;

		if (nparams > 0 && !es->analyze)
		{
			values = (*env)->NewObjectArray(env, nparams, jr.object, NULL);
			pljvm_check_exception();
			set_query_parameters(values, state, params);
		}
		lines = (*env)->CallStaticObjectMethod(env, jr.query_planning, jr.query_planning_explain,
											   (jint) state->plan_id, values, (jboolean) !es->analyze,
											   (jboolean) es->costs, (jboolean) es->verbose);
		pljvm_check_exception();
		explain_lines(lines, es);
	}
	PG_FINALLY();
	{
		pljvm_pop_frames(depth);
	}
	PG_END_TRY();
}

/* ---------- set-up ---------- */

void
pljvm_planner_setup(void)
{
	scan_methods.CustomName = "pljvm";
	scan_methods.CreateCustomScanState = create_scan_state;
	exec_methods.CustomName = "pljvm";
	exec_methods.BeginCustomScan = begin_scan;
	exec_methods.ExecCustomScan = exec_scan;
	exec_methods.EndCustomScan = end_scan;
	exec_methods.ReScanCustomScan = rescan;
	exec_methods.ExplainCustomScan = explain_scan;
	previous_planner = planner_hook;
	planner_hook = bridge_planner;
}

static void
replace_relations(JNIEnv *env, jlongArray oids)
{
	HASHCTL		ctl;
	jsize		n = (*env)->GetArrayLength(env, oids);
	jlong	   *values = palloc(sizeof(jlong) * (n + 1));

	(*env)->GetLongArrayRegion(env, oids, 0, n, values);
	forget_relations();
	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = sizeof(Oid);
	ctl.entrysize = sizeof(Oid);
	ctl.hcxt = TopMemoryContext;
	registered = hash_create("pljvm planned relations", 64, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	for (int i = 0; i < n; i++)
	{
		Oid			oid = (Oid) values[i];

		hash_search(registered, &oid, HASH_ENTER, NULL);
	}
	pfree(values);
}

/* Java replaces the set of relations it plans for. */
static void JNICALL
native_set_relations(JNIEnv *env, jclass cls, jlongArray oids)
{
	MemoryContext oldcxt = CurrentMemoryContext;

	if (pljvm_refuse_off_thread())
		return;
	PG_TRY();
	{
		replace_relations(env, oids);
	}
	PG_CATCH();
	{
		pljvm_throw_pg_error(oldcxt);
	}
	PG_END_TRY();
}

/*
 * The settings that decide how this session reads text as values, and a
 * generation number that moves when one changes (compared cheaply per
 * statement: the time zone by its cached pg_tz).
 */
static jint JNICALL
native_reading_settings_generation(JNIEnv *env, jclass cls)
{
	static int	generation = 0;
	static int	date_order = -1;
	static int	interval_style = -1;
	static pg_tz *timezone = NULL;

	if (DateOrder != date_order || IntervalStyle != interval_style || session_timezone != timezone)
	{
		date_order = DateOrder;
		interval_style = IntervalStyle;
		timezone = session_timezone;
		generation++;
	}
	return generation;
}

/*
 * Element i of a String array, false (an OutOfMemoryError pending) if the heap
 * could not take it: natives return to Java rather than raise an ERROR.
 */
static bool
set_string(jobjectArray array, int i, const char *text)
{
	jstring		s = pljvm_cstring_to_jstring_or_null(text);

	if (s == NULL)
		return false;
	(*pljvm_env)->SetObjectArrayElement(pljvm_env, array, i, s);
	return true;
}

static jobjectArray JNICALL
native_reading_settings(JNIEnv *env, jclass cls)
{
	jobjectArray settings;
	char		date_style[16];
	const char *interval_style;

	if (pljvm_refuse_off_thread())
		return NULL;
	/* ISO output: another node's driver (pgjdbc) insists on it */
	snprintf(date_style, sizeof(date_style), "ISO, %s",
			 DateOrder == DATEORDER_YMD ? "YMD" : DateOrder == DATEORDER_DMY ? "DMY" : "MDY");
	interval_style = IntervalStyle == INTSTYLE_POSTGRES_VERBOSE ? "postgres_verbose" :
		IntervalStyle == INTSTYLE_SQL_STANDARD ? "sql_standard" :
		IntervalStyle == INTSTYLE_ISO_8601 ? "iso_8601" : "postgres";
	settings = (*env)->NewObjectArray(env, 3, jr.string, NULL);
	if (settings == NULL || !set_string(settings, 0, date_style) ||
		!set_string(settings, 1, interval_style) ||
		!set_string(settings, 2, pg_get_timezone_name(session_timezone)))
		return NULL;
	return settings;
}

/*
 * Java marks a relation changed: at commit every session's relcache hears it,
 * and so every session registers its relations again before its next query.
 */
static void JNICALL
native_invalidate(JNIEnv *env, jclass cls, jlong relid)
{
	MemoryContext oldcxt = CurrentMemoryContext;

	if (pljvm_refuse_off_thread())
		return;
	PG_TRY();
	{
		CacheInvalidateRelcacheByRelid((Oid) relid);
	}
	PG_CATCH();
	{
		pljvm_throw_pg_error(oldcxt);
	}
	PG_END_TRY();
}

static jlongArray JNICALL
native_insert_source_columns(JNIEnv *env, jclass cls)
{
	jlongArray	columns;

	if (pljvm_refuse_off_thread() || insert_columns == NULL)
		return NULL;
	columns = (*env)->NewLongArray(env, insert_column_numbers);
	if (columns != NULL)
		(*env)->SetLongArrayRegion(env, columns, 0, insert_column_numbers, insert_columns);
	return columns;
}

static jobjectArray JNICALL
native_insert_defaults(JNIEnv *env, jclass cls)
{
	jobjectArray defaults;
	ListCell   *lc;
	int			i = 0;

	if (pljvm_refuse_off_thread() || insert_defaults == NIL)
		return NULL;
	defaults = (*env)->NewObjectArray(env, list_length(insert_defaults), jr.string, NULL);
	if (defaults == NULL)
		return NULL;
	foreach(lc, insert_defaults)
	{
		if (!set_string(defaults, i++, strVal(lfirst(lc))))
			return NULL;
	}
	return defaults;
}

void
pljvm_planner_register_natives(void)
{
	static const JNINativeMethod methods[] = {
		{"setRelations", "([J)V", (void *) native_set_relations},
		{"invalidate", "(J)V", (void *) native_invalidate},
		{"readingSettingsGeneration", "()I", (void *) native_reading_settings_generation},
		{"readingSettings", "()[Ljava/lang/String;", (void *) native_reading_settings},
		{"insertSourceColumns", "()[J", (void *) native_insert_source_columns},
		{"insertDefaults", "()[Ljava/lang/String;", (void *) native_insert_defaults},
	};

	pljvm_register_natives("org/jcitus/pljvm/QueryPlanning", methods, lengthof(methods));
}
