/*-------------------------------------------------------------------------
 *
 * statement.c
 *	  Remembers the exact text of each utility statement while it runs, so
 *	  that event triggers written in Java can see what the client sent.
 *
 * The query string of a utility command may hold several statements
 * ("CREATE TABLE a(); CREATE TABLE b()"); the planned statement carries
 * where its own text starts and how long it is. Utility statements nest
 * (an event trigger may run DDL through SPI), so the texts form a stack.
 *
 *-------------------------------------------------------------------------
 */
#include "pljvm.h"

#include "parser/scansup.h"
#include "utils/memutils.h"
#include "tcop/utility.h"

typedef struct StatementText
{
	const char *query_string;
	int			location;
	int			length;
	char	   *text;			/* made on first request */
	struct StatementText *outer;
} StatementText;

static StatementText *innermost = NULL;
/* DO blocks and CALLs running (see pljvm_in_code_block) */
static int	code_running = 0;
static ProcessUtility_hook_type previous_process_utility = NULL;

static void
remember_statement_text(PlannedStmt *pstmt, const char *queryString,
						bool readOnlyTree, ProcessUtilityContext context,
						ParamListInfo params, QueryEnvironment *queryEnv,
						DestReceiver *dest, QueryCompletion *qc)
{
	StatementText entry;
	bool		rolls_back = pljvm_xact_rolls_back(pstmt->utilityStmt);
	bool		runs_code = IsA(pstmt->utilityStmt, DoStmt) || IsA(pstmt->utilityStmt, CallStmt);

	entry.query_string = queryString;
	entry.location = pstmt->stmt_location;
	entry.length = pstmt->stmt_len;
	entry.text = NULL;
	entry.outer = innermost;
	innermost = &entry;
	code_running += runs_code ? 1 : 0;

	PG_TRY();
	{
		if (previous_process_utility)
			previous_process_utility(pstmt, queryString, readOnlyTree, context,
									 params, queryEnv, dest, qc);
		else
			standard_ProcessUtility(pstmt, queryString, readOnlyTree, context,
									params, queryEnv, dest, qc);
		if (rolls_back)
			pljvm_xact_whole_abort_follows();
	}
	PG_FINALLY();
	{
		code_running -= runs_code ? 1 : 0;
		innermost = entry.outer;
		if (entry.text)
			pfree(entry.text);
	}
	PG_END_TRY();
}

/*
 * Whether a DO block or a procedure (CALL) runs: the statements it runs are
 * not the transaction's own statement, though no executor runs around them.
 */
bool
pljvm_in_code_block(void)
{
	return code_running > 0;
}

void
pljvm_statement_init(void)
{
	previous_process_utility = ProcessUtility_hook;
	ProcessUtility_hook = remember_statement_text;
}

/*
 * The text of the innermost utility statement being run, or NULL outside of
 * one. Valid until that statement ends.
 */
const char *
pljvm_current_statement(void)
{
	StatementText *s = innermost;
	int			start;
	int			length;

	if (s == NULL || s->query_string == NULL)
		return NULL;
	if (s->text == NULL)
	{
		/* a location of -1 means the whole string; a length of 0, "to its end" */
		start = s->location >= 0 ? s->location : 0;
		length = s->length > 0 ? s->length : (int) strlen(s->query_string + start);
		/* the text may start with the white space after the previous ';' */
		while (length > 0 && scanner_isspace(s->query_string[start]))
		{
			start++;
			length--;
		}
		while (length > 0 && scanner_isspace(s->query_string[start + length - 1]))
			length--;
		s->text = MemoryContextAlloc(TopMemoryContext, length + 1);
		memcpy(s->text, s->query_string + start, length);
		s->text[length] = '\0';
	}
	return s->text;
}
