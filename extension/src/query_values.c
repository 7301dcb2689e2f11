/*-------------------------------------------------------------------------
 *
 * query_values.c
 *	  The values a query computes without reading a row, computed by the
 *	  planner bridge here, at execution, and handed to Java as parameters.
 *
 * A Java planner sends the query's text on, to run somewhere else; what the
 * text computes there is computed again, apart, in each place. That is wrong
 * for what may differ between places or calls: nextval of a sequence that
 * exists only here, now() (each place's own transaction start), random() (a
 * reference table's copies would differ). And a planner can only route by a
 * value it sees, not by an expression ($1 % 3) in the routing column.
 *
 * So before the query is deparsed for Java, each largest expression that
 * reads no column, aggregate or subquery and is not a constant or parameter
 * already is replaced by a new parameter, numbered after the query's own;
 * the expressions are kept in the plan and evaluated when it runs, with the
 * execution's parameters, as PostgreSQL would have evaluated them. One that
 * gives the same value every time (immutable, over constants) is folded into
 * a constant at once instead, as PostgreSQL's planner folds it. A
 * volatile expression is taken only where PostgreSQL evaluates it once per
 * execution anyway (an INSERT's VALUES): elsewhere it runs once per row,
 * which a single value would not reproduce, and stays in the text.
 *
 *-------------------------------------------------------------------------
 */
#include "pljvm.h"

#include "catalog/pg_type.h"
#include "executor/executor.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/optimizer.h"
#include "utils/lsyscache.h"

typedef struct QueryValues
{
	int			next_param;		/* the number the next expression's parameter gets */
	bool		once;			/* these expressions run once per execution */
	List	   *expressions;	/* the expressions taken, in parameter order */
} QueryValues;

/* Whether the tree reads something an expression alone cannot be evaluated without. */
static bool
needs_query_walker(Node *node, void *context)
{
	if (node == NULL)
		return false;
	if (IsA(node, Var) || IsA(node, Aggref) || IsA(node, WindowFunc) || IsA(node, GroupingFunc) ||
		IsA(node, SubLink) || IsA(node, SubPlan) || IsA(node, AlternativeSubPlan) ||
		IsA(node, CaseTestExpr) || IsA(node, CoerceToDomainValue) || IsA(node, PlaceHolderVar) ||
		IsA(node, CurrentOfExpr) || IsA(node, SetToDefault) || IsA(node, Query))
		return true;
	/* an explicit COLLATE must stay in the text, where it decides comparisons */
	if (IsA(node, CollateExpr))
		return true;
	if (IsA(node, Param) && ((Param *) node)->paramkind != PARAM_EXTERN)
		return true;
	return expression_tree_walker(node, needs_query_walker, context);
}

/* Whether the node computes a value (rather than naming one, or being a clause's frame). */
static bool
computes(Node *node)
{
	switch (nodeTag(node))
	{
		case T_FuncExpr:
		case T_OpExpr:
		case T_DistinctExpr:
		case T_NullIfExpr:
		case T_ScalarArrayOpExpr:
		case T_BoolExpr:
		case T_RelabelType:
		case T_CoerceViaIO:
		case T_ArrayCoerceExpr:
		case T_ConvertRowtypeExpr:
		case T_CaseExpr:
		case T_ArrayExpr:
		case T_RowExpr:
		case T_RowCompareExpr:
		case T_CoalesceExpr:
		case T_MinMaxExpr:
		case T_SQLValueFunction:
		case T_XmlExpr:
		case T_NullTest:
		case T_BooleanTest:
		case T_CoerceToDomain:
		case T_NextValueExpr:
		case T_FieldSelect:
			return true;
		case T_SubscriptingRef:
			/* an assignment to an array element names its column in the text */
			return ((SubscriptingRef *) node)->refassgnexpr == NULL;
		default:
			return false;
	}
}

/*
 * Whether the node is an expression to evaluate here: it computes something
 * from nothing but constants and parameters, into one value of a type a
 * literal can carry (not a pseudo-type such as record), and is not volatile
 * unless it runs once per execution.
 */
static bool
computed_here(Node *node, bool once)
{
	if (node == NULL || !computes(node) || needs_query_walker(node, NULL) ||
		expression_returns_set(node) || get_typtype(exprType(node)) == TYPTYPE_PSEUDO)
		return false;
	return once || !contain_volatile_functions(node);
}

static bool
has_parameters_walker(Node *node, void *context)
{
	if (node == NULL)
		return false;
	if (IsA(node, Param))
		return true;
	return expression_tree_walker(node, has_parameters_walker, context);
}

static Node *
take_values_mutator(Node *node, QueryValues *values)
{
	Param	   *param;

	if (node == NULL)
		return NULL;
	if (!computed_here(node, values->once))
		return expression_tree_mutator(node, take_values_mutator, values);

	/*
	 * The same for every execution (an implicit cast of a constant, say):
	 * folded now, as PostgreSQL's planner would, so that the text shows it.
	 */
	if (!contain_mutable_functions(node) && !has_parameters_walker(node, NULL))
	{
		Node	   *folded = eval_const_expressions(NULL, node);

		if (IsA(folded, Const))
			return folded;
	}
	param = makeNode(Param);
	param->paramkind = PARAM_EXTERN;
	param->paramid = values->next_param++;
	param->paramtype = exprType(node);
	param->paramtypmod = exprTypmod(node);
	param->paramcollid = exprCollation(node);
	param->location = -1;
	values->expressions = lappend(values->expressions, copyObject(node));
	return (Node *) param;
}

static Node *
take_values(Node *node, QueryValues *values, bool once)
{
	values->once = once;
	return take_values_mutator(node, values);
}

static void take_level_values(Query *query, QueryValues *values);

/*
 * An INSERT .. SELECT's SELECT, and the FROM subqueries it reads, are the
 * statement's too: their rows may be computed on other nodes (or on each copy
 * of a reference table), where now() or a stable function would give values
 * of their own.
 */
static void
take_select_values(Query *query, QueryValues *values)
{
	ListCell   *lc;

	take_level_values(query, values);
	foreach(lc, query->rtable)
	{
		RangeTblEntry *rte = lfirst_node(RangeTblEntry, lc);

		if (rte->rtekind == RTE_SUBQUERY)
			take_select_values(rte->subquery, values);
	}
}

/* The computed values of one query level, and of its CTEs' queries. */
static void
take_level_values(Query *query, QueryValues *values)
{
	bool		insert = query->commandType == CMD_INSERT;
	ListCell   *lc;

	foreach(lc, query->cteList)
	{
		CommonTableExpr *cte = lfirst_node(CommonTableExpr, lc);

		if (IsA(cte->ctequery, Query))
			take_level_values((Query *) cte->ctequery, values);
	}
	foreach(lc, query->rtable)
	{
		RangeTblEntry *rte = lfirst_node(RangeTblEntry, lc);

		/* the rows of INSERT .. VALUES: each of their expressions runs once */
		if (insert && rte->rtekind == RTE_VALUES)
			rte->values_lists = (List *) take_values((Node *) rte->values_lists, values, true);
		else if (insert && rte->rtekind == RTE_SUBQUERY)
			take_select_values(rte->subquery, values);
	}
	/* a single-row INSERT's target list runs once too; other target lists once per row */
	query->targetList = (List *) take_values((Node *) query->targetList, values,
											 insert && query->jointree->fromlist == NIL);
	query->jointree = (FromExpr *) take_values((Node *) query->jointree, values, false);
	query->havingQual = take_values(query->havingQual, values, false);
	query->limitOffset = take_values(query->limitOffset, values, false);
	query->limitCount = take_values(query->limitCount, values, false);
	query->returningList = (List *) take_values((Node *) query->returningList, values, false);
	if (query->onConflict != NULL)
	{
		query->onConflict->onConflictSet = (List *)
			take_values((Node *) query->onConflict->onConflictSet, values, false);
		query->onConflict->onConflictWhere =
			take_values(query->onConflict->onConflictWhere, values, false);
	}
}

/*
 * Replaces the query's computed values (see the head of this file) with
 * parameters numbered from first_param; returns the expressions, in order.
 * The query's own level and its CTEs' are looked at (where a data-modifying
 * CTE writes), and an INSERT's SELECT; other subqueries keep their text.
 */
List *
pljvm_take_query_values(Query *query, int first_param)
{
	QueryValues values = {first_param, false, NIL};

	take_level_values(query, &values);
	return values.expressions;
}

/*
 * The values of the expressions pljvm_take_query_values took, for one
 * execution with these parameters; each in the executor's per-tuple memory.
 */
void
pljvm_compute_query_values(List *expressions, ParamListInfo params, ExprContext *econtext,
						   Datum *values, bool *nulls)
{
	ListCell   *lc;
	int			i = 0;

	foreach(lc, expressions)
	{
		ExprState  *state = ExecInitExprWithParams(lfirst(lc), params);

		values[i] = ExecEvalExprSwitchContext(state, econtext, &nulls[i]);
		i++;
	}
}
