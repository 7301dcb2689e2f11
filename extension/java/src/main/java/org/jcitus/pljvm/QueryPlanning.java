/*
 * QueryPlanning.java — the Java side of the planner bridge: a Java planner for queries on registered relations.
 */
package org.jcitus.pljvm;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;

/**
 * Where a Java query planner plugs in. It {@link #register registers} itself with the
 * relations it plans for; each query that reads one of them is then {@linkplain
 * QueryPlanner#plan offered} to it, as PostgreSQL deparses it. A planner that takes a
 * query returns a {@link PlannedQuery}; the query then runs as a CustomScan that pulls
 * its rows from {@link PlannedQuery#execute}. A planner that declines returns null and
 * PostgreSQL plans the query as always.
 *
 * <p>A new session learns its planner by running the static method named in
 * pljvm.planner_init before it plans its first query on a user table. SELECT, INSERT,
 * UPDATE and DELETE are offered, except the statements Java itself runs through SPI:
 * those always reach the registered relations' local rows.
 */
public final class QueryPlanning {
    /** PostgreSQL's CmdType, as plan() receives it. */
    public static final int SELECT = 1;
    public static final int UPDATE = 2;
    public static final int INSERT = 3;
    public static final int DELETE = 4;

    private static final String UNDEFINED_FUNCTION = "42883";
    /**
     * The plans PostgreSQL may still run, by id. A plan outlives planning (a prepared
     * statement's), but nothing says when PostgreSQL drops it; a plan is forgotten once
     * KEPT_PLANS newer ones were made, and planned again from its text should it run
     * (the runtime then keeps the new id in the plan). A ring, not a map: under -M simple
     * every query makes a plan, and a map's boxing and hashing showed in profiles.
     */
    private static final int KEPT_PLANS = 1024;
    private static final PlannedQuery[] PLANS = new PlannedQuery[KEPT_PLANS];
    /** the id of the plan in each slot of PLANS */
    private static final int[] PLAN_IDS = new int[KEPT_PLANS];
    private static int nextPlanId;
    private static QueryPlanner planner;

    private QueryPlanning() {
    }

    /**
     * What a query's top level has, as the bits of plan()'s {@code features}: whether the
     * rows of the query's pieces, run in several places, simply add up, which its text
     * alone does not tell (an aggregate is a function call like any other).
     */
    public static final class Features {
        public static final int AGGREGATES = 1;
        public static final int WINDOW_FUNCTIONS = 2;
        /** GROUP BY, grouping sets or HAVING */
        public static final int GROUPING = 4;
        public static final int ORDER = 8;
        /** LIMIT or OFFSET */
        public static final int LIMIT = 16;
        public static final int DISTINCT = 32;
        /** UNION, INTERSECT, EXCEPT */
        public static final int SET_OPERATIONS = 64;
        /** subqueries in expressions (EXISTS, IN, scalar) */
        public static final int SUBLINKS = 128;
        public static final int CTES = 256;
        /** FOR UPDATE / FOR SHARE */
        public static final int LOCKING = 512;
        public static final int SET_RETURNING_FUNCTIONS = 1024;
        /** FROM items other than relations and joins: subqueries, functions, VALUES */
        public static final int OTHER_FROM_ITEMS = 2048;
        /** user relations the planner did not register, anywhere in the query */
        public static final int UNREGISTERED_RELATIONS = 4096;
        /**
         * an INSERT, UPDATE or DELETE (or a query with one in a CTE) whose text calls
         * volatile functions once per row (those that run once per execution, such as
         * an INSERT's VALUES, the bridge computes itself and passes as the last parameters)
         */
        public static final int VOLATILE_WRITE = 8192;
        /**
         * an INSERT .. SELECT into a registered table omits columns whose defaults are
         * volatile (a serial's nextval): the text leaves them out, and the planner computes
         * them here, a value per row ({@link QueryPlanning#insertDefaults})
         */
        public static final int DEFAULTS_HERE = 16384;
        /** a SELECT whose text calls volatile functions: running it twice differs from once */
        public static final int VOLATILE_READ = 32768;
        /**
         * An INSERT .. SELECT's SELECT has features of its own: they are the bits of
         * {@code features >>> SOURCE_SHIFT} (the bits below describe the INSERT).
         */
        public static final int SOURCE_SHIFT = 16;

        private Features() {
        }
    }

    /** A Java query planner. */
    public interface QueryPlanner {
        /**
         * Plans a query, or declines with null.
         *
         * @param relationIds the registered relations the query reads
         * @param query the query as PostgreSQL deparses it, with $n for parameters
         * @param parameterTypes the type OID of each parameter ($1 is the first)
         * @param commandType {@link #SELECT}, {@link #INSERT}, {@link #UPDATE} or {@link #DELETE}
         * @param features the {@link Features} of the query's top level
         */
        PlannedQuery plan(long[] relationIds, String query, int[] parameterTypes, int commandType, int features)
                throws Exception;

        /**
         * Takes a COPY FROM into a registered relation, or declines with null (PostgreSQL
         * copies into the relation itself). COPY ... TO of a registered relation needs
         * nothing here: it runs as COPY (SELECT ...) TO, which {@link #plan} plans.
         *
         * @param columns the relation's columns, in the order of each line's fields
         */
        default CopyReceiver copyFrom(long relationId, String[] columns) throws Exception {
            return null;
        }
    }

    /**
     * The rows of a COPY FROM, as PostgreSQL parsed them (any format, defaults filled in),
     * re-encoded in COPY's text format: one line per row, fields separated by tabs,
     * {@code \N} for NULL, backslash escapes; bytes in the server encoding.
     */
    public interface CopyReceiver {
        /**
         * A batch of count lines, each ending in a newline: line i ends just before
         * ends[i] (and starts at ends[i - 1], the first at 0). The runtime reuses both
         * arrays for the next batch once this call returns. The rows were lines
         * firstLine, firstLine + 1, ... of the input as COPY counts them (a header
         * included), the numbers its errors give.
         */
        void rows(byte[] lines, int[] ends, int count, long firstLine) throws Exception;

        /** After the last batch: the rows copied. */
        long finish() throws Exception;

        /** The COPY failed (bad input, a cancel): release what it holds; the transaction aborts. */
        void abort();
    }

    /** A query a Java planner took. It may run many times (a prepared statement's plan). */
    public interface PlannedQuery {
        /** What EXPLAIN shows: one line that says what the plan does. */
        String explain();

        /**
         * What EXPLAIN without ANALYZE shows, for the query's own parameter values (null
         * when EXPLAIN has none): {@link #explain()}'s line, then, when the plan can show
         * the work it sends, the task count, which tasks are shown ("All", "One of 4"), and
         * for each task shown where it runs and the lines of its own plan there, followed by
         * a null. Planners with no more to say return the one line.
         */
        default String[] explain(Object[] parameters, boolean costs, boolean verbose) throws Exception {
            return new String[] {explain()};
        }

        /**
         * The rows, one Object[] per row in the query's column order (for INSERT, UPDATE
         * and DELETE, the RETURNING list's), for these parameter values. A data-modifying
         * query's rows may implement {@link RowCount}; otherwise the command reports as
         * many rows as were returned.
         */
        Iterator<Object[]> execute(Object[] parameters) throws Exception;
    }

    /**
     * What a plan's rows throw when reading the next ones fails (an Iterator cannot throw
     * an SQLException): the runtime reports the SQLException it carries, SQLSTATE and all.
     */
    public static final class RowsFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public RowsFailed(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The rows of an INSERT, UPDATE or DELETE, which know how many rows it modified. */
    public interface RowCount {
        /** Rows modified; asked once all rows were read. */
        long modified();
    }

    /** Makes this the session's planner, for these relations. */
    public static void register(QueryPlanner queryPlanner, long[] relationIds) throws SQLException {
        planner = queryPlanner;
        setRelations(relationIds);
    }

    /** Replaces the relations the planner plans for (e.g. after a table became distributed). */
    public static native void setRelations(long[] relationIds) throws SQLException;

    /**
     * Marks a relation changed in every session's relcache (when the transaction commits),
     * so that every session runs its planner's init again before its next query: for
     * changes the planner must hear of that touch none of its relations.
     */
    public static native void invalidate(long relationId) throws SQLException;

    /**
     * A number that changes whenever one of the {@link #readingSettings} changes: a
     * planner asks for the settings again only then.
     */
    public static native int readingSettingsGeneration();

    /**
     * How this session reads values from text, as settings another node's session can
     * take: {DateStyle (ISO output, this session's field order), IntervalStyle, TimeZone}.
     * The query text, parameter values and COPY lines a planner sends on read as they do
     * here only where the other session has the same.
     */
    public static native String[] readingSettings();

    /**
     * While {@link QueryPlanner#plan} plans an INSERT .. SELECT, where each inserted column
     * comes from when it is, as it is, a column of a table the SELECT reads at its own
     * level: three numbers per column of the column list, in order (the relation's OID,
     * the column's number, 1 if the SELECT groups by it), zeros for a column computed
     * otherwise. Null at any other time.
     */
    public static native long[] insertSourceColumns();

    /**
     * While an INSERT .. SELECT with {@link Features#DEFAULTS_HERE} is planned: the omitted
     * columns with volatile defaults, as column name and default expression (SQL text,
     * no column references) in turn. Null at any other time.
     */
    public static native String[] insertDefaults();

    /** Called by the runtime with pljvm.planner_init: runs that static, argument-less method. */
    static void init(String spec) throws Throwable {
        int dot = spec.trim().lastIndexOf('.');
        if (dot <= 0) {
            throw new SqlError("22023", "pljvm.planner_init must name a static method as 'package.Class.method',"
                    + " not '" + spec + "'");
        }
        Method m;
        try {
            m = Class.forName(spec.trim().substring(0, dot), true, ClassLoader.getSystemClassLoader())
                    .getMethod(spec.trim().substring(dot + 1));
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new SqlError(UNDEFINED_FUNCTION, "pljvm.planner_init names " + spec
                    + ", which is not a public static method without arguments on pljvm.classpath", e);
        }
        if (!Modifier.isStatic(m.getModifiers())) {
            throw new SqlError(UNDEFINED_FUNCTION, "pljvm.planner_init names " + spec + ", which is not static");
        }
        try {
            m.invoke(null);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Called by the runtime's planner hook: a plan id, or -1 when the query is not taken. */
    static int plan(long[] relationIds, String query, int[] parameterTypes, int commandType, int features)
            throws Exception {
        if (planner == null) {
            return -1;
        }
        Interrupts.enterCall();
        try {
            PlannedQuery plan = planner.plan(relationIds, query, parameterTypes, commandType, features);
            if (plan == null) {
                return -1;
            }
            int id = nextPlanId;
            nextPlanId = (nextPlanId + 1) & Integer.MAX_VALUE;
            PLANS[id % KEPT_PLANS] = plan;
            PLAN_IDS[id % KEPT_PLANS] = id;
            return id;
        } finally {
            Interrupts.leaveCall();
        }
    }

    private static PlannedQuery held(int planId) {
        int slot = planId % KEPT_PLANS;
        return planId >= 0 && PLAN_IDS[slot] == planId ? PLANS[slot] : null;
    }

    /** Called by the runtime when the CustomScan starts: null if the plan was forgotten. */
    static Iterator<Object[]> execute(int planId, Object[] parameters) throws Exception {
        PlannedQuery plan = held(planId);
        if (plan == null) {
            return null;
        }
        Interrupts.enterCall();
        try {
            Iterator<Object[]> rows = plan.execute(parameters);
            return new CallIterator<>(rows == null ? List.<Object[]>of().iterator() : rows);
        } finally {
            Interrupts.leaveCall();
        }
    }

    /** Called by the runtime's COPY bridge: the planner's receiver, or null. */
    static Object copyBegin(long relationId, String[] columns) throws Exception {
        if (planner == null) {
            return null;
        }
        Interrupts.enterCall();
        try {
            return planner.copyFrom(relationId, columns);
        } finally {
            Interrupts.leaveCall();
        }
    }

    static void copyRows(Object receiver, byte[] lines, int[] ends, int count, long firstLine) throws Exception {
        Interrupts.enterCall();
        try {
            ((CopyReceiver) receiver).rows(lines, ends, count, firstLine);
        } finally {
            Interrupts.leaveCall();
        }
    }

    static long copyEnd(Object receiver) throws Exception {
        Interrupts.enterCall();
        try {
            return ((CopyReceiver) receiver).finish();
        } finally {
            Interrupts.leaveCall();
        }
    }

    static void copyAbort(Object receiver) {
        ((CopyReceiver) receiver).abort();
    }

    /** Called by the runtime after a data-modifying plan's last row: rows modified, or -1 if not told. */
    static long modified(Iterator<Object[]> rows) {
        Iterator<Object[]> inner = rows instanceof CallIterator<Object[]> c ? c.inner() : rows;
        return inner instanceof RowCount count ? count.modified() : -1;
    }

    /**
     * Called by the runtime's EXPLAIN: the lines of {@link PlannedQuery#explain(Object[],
     * boolean, boolean)}, or only the first when EXPLAIN ANALYZE ran the plan (details false).
     */
    static String[] explain(int planId, Object[] parameters, boolean details, boolean costs, boolean verbose)
            throws Exception {
        PlannedQuery plan = held(planId);
        if (plan == null) {
            return new String[] {"(a plan no longer held; it is planned again when it runs)"};
        }
        if (!details) {
            return new String[] {plan.explain()};
        }
        Interrupts.enterCall();
        try {
            return plan.explain(parameters, costs, verbose);
        } finally {
            Interrupts.leaveCall();
        }
    }
}
