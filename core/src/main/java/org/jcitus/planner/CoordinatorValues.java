/*
 * CoordinatorValues.java — the VALUES elements of an INSERT that the coordinator computes before the rows go to the nodes.
 */
package org.jcitus.planner;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jcitus.metadata.LocalSql;
import org.jcitus.metadata.MetadataCache.CitusTable;

/**
 * The VALUES elements that route a row (an expression in the distribution column) or
 * that could give each node another value (a sequence's nextval, now(), random(), a
 * subquery) are evaluated here, all of one execution in one local query, and reach the
 * nodes as literals (or bind parameters): the constants numbered after the query's own.
 * A value is cast to its column's type without the type modifier, so that a value too long
 * for its column is refused by the node just as the INSERT would refuse it here.
 */
final class CoordinatorValues {
    private final QueryTemplate[] expressions;
    private final String[] typeNames;

    private CoordinatorValues(QueryTemplate[] expressions, String[] typeNames) {
        this.expressions = expressions;
        this.typeNames = typeNames;
    }

    /** What the analysed INSERT's coordinator computes, or null if nothing. */
    static CoordinatorValues of(QueryAnalysis a) throws SQLException {
        if (a.computed.isEmpty()) {
            return null;
        }
        CitusTable table = a.references.get(a.target).table();
        Map<String, String> columnTypes = new HashMap<>();
        for (Object[] column : LocalSql.rows("SELECT attname::text, pg_catalog.format_type(atttypid, NULL)"
                + " FROM pg_catalog.pg_attribute WHERE attrelid = ?::oid AND attnum > 0 AND NOT attisdropped",
                table.relationId())) {
            columnTypes.put((String) column[0], (String) column[1]);
        }
        List<QueryAnalysis.Computed> computed = a.computed;
        QueryTemplate[] expressions = new QueryTemplate[computed.size()];
        String[] typeNames = new String[computed.size()];
        for (int i = 0; i < expressions.length; i++) {
            QueryAnalysis.Computed c = computed.get(i);
            expressions[i] = QueryTemplate.local(a, a.q.start(c.first()), a.q.end(c.end() - 1));
            typeNames[i] = columnTypes.get(c.column());
        }
        return new CoordinatorValues(expressions, typeNames);
    }

    /** Adds this execution's values to it; EXPLAIN, which runs nothing, gets the expressions. */
    void compute(Execution e) throws SQLException {
        String[] literals = new String[expressions.length];
        if (!e.hasParameterValues()) {
            for (int i = 0; i < literals.length; i++) {
                StringBuilder expression = new StringBuilder();
                expressions[i].render(expression, e);
                literals[i] = expression.toString();
            }
            e.computed(literals, true);
            return;
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < literals.length; i++) {
            sql.append(i == 0 ? "((" : ", ((");
            expressions[i].render(sql, e);
            sql.append(")::").append(typeNames[i]).append(")::text");
        }
        Object[] values = LocalSql.rows(sql.toString()).get(0);
        for (int i = 0; i < literals.length; i++) {
            literals[i] = values[i] == null ? "NULL" : Execution.quote((String) values[i]);
        }
        e.computed(literals, false);
    }
}
