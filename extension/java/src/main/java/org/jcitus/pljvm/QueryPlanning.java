/*
 * QueryPlanning.java — the Java side of the planner bridge: a Java planner for queries on registered relations.
 */
package org.jcitus.pljvm;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.SQLException;
import java.util.ArrayList;
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
 * pljvm.planner_init before it plans its first query on a user table. For now only
 * queries that return rows (SELECT) are offered.
 */
public final class QueryPlanning {
    /** PostgreSQL's CmdType, as plan() receives it. */
    public static final int SELECT = 1;

    private static final String UNDEFINED_FUNCTION = "42883";
    private static final List<PlannedQuery> PLANS = new ArrayList<>();
    private static QueryPlanner planner;

    private QueryPlanning() {
    }

    /** A Java query planner. */
    public interface QueryPlanner {
        /**
         * Plans a query, or declines with null.
         *
         * @param relationIds the registered relations the query reads
         * @param query the query as PostgreSQL deparses it, with $n for parameters
         * @param parameterTypes the type OID of each parameter ($1 is the first)
         * @param commandType {@link #SELECT}
         */
        PlannedQuery plan(long[] relationIds, String query, int[] parameterTypes, int commandType)
                throws Exception;
    }

    /** A query a Java planner took. It may run many times (a prepared statement's plan). */
    public interface PlannedQuery {
        /** What EXPLAIN shows. */
        String explain();

        /** The rows, one Object[] per row in the query's column order, for these parameter values. */
        Iterator<Object[]> execute(Object[] parameters) throws Exception;
    }

    /** Makes this the session's planner, for these relations. */
    public static void register(QueryPlanner queryPlanner, long[] relationIds) throws SQLException {
        planner = queryPlanner;
        setRelations(relationIds);
    }

    /** Replaces the relations the planner plans for (e.g. after a table became distributed). */
    public static native void setRelations(long[] relationIds) throws SQLException;

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
    static int plan(long[] relationIds, String query, int[] parameterTypes, int commandType) throws Exception {
        if (planner == null) {
            return -1;
        }
        Interrupts.enterCall();
        try {
            PlannedQuery plan = planner.plan(relationIds, query, parameterTypes, commandType);
            if (plan == null) {
                return -1;
            }
            PLANS.add(plan);
            return PLANS.size() - 1;
        } finally {
            Interrupts.leaveCall();
        }
    }

    /** Called by the runtime when the CustomScan starts. */
    static Iterator<Object[]> execute(int planId, Object[] parameters) throws Exception {
        Interrupts.enterCall();
        try {
            Iterator<Object[]> rows = PLANS.get(planId).execute(parameters);
            return new CallIterator<>(rows == null ? List.<Object[]>of().iterator() : rows);
        } finally {
            Interrupts.leaveCall();
        }
    }

    static String explain(int planId) {
        return PLANS.get(planId).explain();
    }
}
