/*
 * Planner.java — a Java query planner for the planner bridge's suite: it answers queries on
 * the tables named planned_* with rows that show what it was given.
 */
package org.jcitus.regress;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.jcitus.pljvm.QueryPlanning;

public final class Planner {
    private Planner() {
    }

    /** Named by pljvm.planner_init: registers the planner for every table named planned_*. */
    public static void init() throws SQLException {
        String oids = Sql.scalar("SELECT string_agg(oid::text, ',') FROM pg_class"
                + " WHERE relkind = 'r' AND relname LIKE 'planned\\_%'");
        long[] relations = oids == null ? new long[0]
                : Arrays.stream(oids.split(",")).mapToLong(Long::parseLong).toArray();
        QueryPlanning.register(Planner::plan, relations);
    }

    /** Takes every query unless its text says 'decline'; rows are (1, the query), (2, the parameters). */
    private static QueryPlanning.PlannedQuery plan(long[] relations, String query, int[] types, int command,
                                                   int features) {
        if (query.contains("decline")) {
            return null;
        }
        return new QueryPlanning.PlannedQuery() {
            @Override
            public String explain() {
                return "rows made in Java for: " + query.replaceAll("\\s+", " ");
            }

            @Override
            public Iterator<Object[]> execute(Object[] parameters) {
                return List.of(new Object[] {1, query.replaceAll("\\s+", " ")},
                        new Object[] {2, "parameters " + Arrays.toString(parameters) + " of types "
                                + Arrays.toString(types)}).iterator();
            }
        };
    }
}
