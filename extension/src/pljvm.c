/*-------------------------------------------------------------------------
 *
 * pljvm.c
 *	  Entry point of the pljvm runtime: its settings and the hooks it
 *	  installs when the library is loaded.
 *
 * Loading the library (shared_preload_libraries, or the first call of a
 * pljvm function) starts no JVM: that happens on first use in a backend
 * (jvm.c), so the postmaster and processes that never run Java stay small.
 *
 *-------------------------------------------------------------------------
 */
#include "pljvm.h"

#include "catalog/pg_collation.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/typcache.h"
#include "utils/guc.h"

#include "pljvm_config.h"

PG_MODULE_MAGIC;

char	   *pljvm_libjvm_location = NULL;
char	   *pljvm_classpath = NULL;
char	   *pljvm_vmoptions = NULL;

void		_PG_init(void);

/*
 * The JVM reads its settings once, when it starts; after that a change
 * would silently not apply, so it is refused instead.
 */
static bool
unchanged_or_jvm_not_started(const char *current, const char *newval)
{
	if (!pljvm_jvm_usable() ||
		(current != NULL && newval != NULL && strcmp(current, newval) == 0))
		return true;
	GUC_check_errcode(ERRCODE_CANT_CHANGE_RUNTIME_PARAM);
	GUC_check_errdetail("The JVM of this session has already started.");
	GUC_check_errhint("Set it before the first pljvm call of a session, e.g. with ALTER ROLE ... SET or in postgresql.conf.");
	return false;
}

static bool
check_libjvm(char **newval, void **extra, GucSource source)
{
	return unchanged_or_jvm_not_started(pljvm_libjvm_location, *newval);
}

static bool
check_classpath(char **newval, void **extra, GucSource source)
{
	return unchanged_or_jvm_not_started(pljvm_classpath, *newval);
}

static bool
check_vmoptions(char **newval, void **extra, GucSource source)
{
	return unchanged_or_jvm_not_started(pljvm_vmoptions, *newval);
}

/*
 * Any role may turn the Java planner off for its own session: another node's
 * connections of a Java planner do (they run what names shards only), and they
 * log in as whatever role the query runs as. Only superusers (and the server's
 * configuration) may name a method, or turn the planner off for others (ALTER
 * DATABASE or ROLE ... SET, whose values are checked as PGC_S_TEST).
 */
static bool
check_planner_init(char **newval, void **extra, GucSource source)
{
	bool		own_session = source == PGC_S_CLIENT || source == PGC_S_SESSION ||
		source == PGC_S_INTERACTIVE;

	if (source <= PGC_S_ARGV || (**newval == '\0' && own_session) || superuser())
		return true;
	GUC_check_errcode(ERRCODE_INSUFFICIENT_PRIVILEGE);
	GUC_check_errmsg("permission denied to set parameter \"pljvm.planner_init\"");
	GUC_check_errdetail("Only superusers may name a method for sessions to run, or set it for other sessions;"
						" any role may set it empty for its own session.");
	return false;
}

void
_PG_init(void)
{
	/*
	 * Superuser-only: the class path and the JVM decide what code runs
	 * inside every function of this untrusted language.
	 */
	DefineCustomStringVariable("pljvm.libjvm_location",
							   "Path of the libjvm.so that pljvm loads.",
							   NULL,
							   &pljvm_libjvm_location,
							   PLJVM_DEFAULT_LIBJVM,
							   PGC_SUSET, 0,
							   check_libjvm, NULL, NULL);
	DefineCustomStringVariable("pljvm.classpath",
							   "Class path of the JVM: jar files and folders separated by ':'.",
							   "An entry ending in /* stands for every jar in that folder. "
							   "The default holds the jars installed with pljvm.",
							   &pljvm_classpath,
							   PLJVM_DEFAULT_CLASSPATH,
							   PGC_SUSET, 0,
							   check_classpath, NULL, NULL);
	DefineCustomStringVariable("pljvm.vmoptions",
							   "Options of the JVM, separated by white space.",
							   "-Xrs is always added: PostgreSQL owns the signals.",
							   &pljvm_vmoptions,
							   PLJVM_DEFAULT_VMOPTIONS,
							   PGC_SUSET, 0,
							   check_vmoptions, NULL, NULL);
	DefineCustomStringVariable("pljvm.planner_init",
							   "Static Java method, as 'pkg.Class.method', that a session runs before"
							   " planning its first query on a user table.",
							   "It registers the relations a Java planner plans for. Empty: none.",
							   &pljvm_planner_init,
							   "",
							   PGC_USERSET, 0,
							   check_planner_init, NULL, NULL);
	DefineCustomStringVariable("pljvm.planner_catalog",
							   "Table that lists the relations of pljvm.planner_init's planner, as 'schema.table'.",
							   "pljvm.planner_init runs (and the session starts a JVM for it) only once a statement"
							   " uses a relation the table lists: by OID in its first column (oid or regclass), or,"
							   " when that column is of another type, any relation while the table has a row."
							   " Empty: run it for any user relation.",
							   &pljvm_planner_catalog,
							   "",
							   PGC_SUSET, 0,
							   NULL, NULL, NULL);
	MarkGUCPrefixReserved("pljvm");

	pljvm_statement_init();
	pljvm_planner_setup();
	pljvm_xact_setup();
	pljvm_copy_init();
}

/*
 * pljvm.current_statement() returns the text of the utility statement being
 * run, as the client sent it (one statement, even from a multi-statement
 * query string), or NULL outside of one.
 */
PG_FUNCTION_INFO_V1(pljvm_current_statement_sql);
Datum
pljvm_current_statement_sql(PG_FUNCTION_ARGS)
{
	const char *text = pljvm_current_statement();

	if (text == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(text));
}

/*
 * pljvm.type_hash(value) is the 32-bit hash a hash index computes for the
 * value: the support function 1 of its type's default hash operator class,
 * called on the value itself. SQL cannot always call that function directly:
 * date hashes with hashint4, which takes no date.
 */
PG_FUNCTION_INFO_V1(pljvm_type_hash);
Datum
pljvm_type_hash(PG_FUNCTION_ARGS)
{
	Oid			type = get_fn_expr_argtype(fcinfo->flinfo, 0);
	Oid			collation = PG_GET_COLLATION();
	TypeCacheEntry *entry;

	if (!OidIsValid(type))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("could not determine the type of the value to hash")));
	entry = lookup_type_cache(type, TYPECACHE_HASH_PROC_FINFO);
	if (!OidIsValid(entry->hash_proc_finfo.fn_oid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_FUNCTION),
				 errmsg("could not identify a hash function for type %s", format_type_be(type)),
				 errhint("Cast the value to a type with a default hash operator class.")));
	if (!OidIsValid(collation) && type_is_collatable(type))
		collation = DEFAULT_COLLATION_OID;
	PG_RETURN_DATUM(FunctionCall1Coll(&entry->hash_proc_finfo, collation, PG_GETARG_DATUM(0)));
}
