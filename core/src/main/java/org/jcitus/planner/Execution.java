/*
 * Execution.java — one execution of a planned shape: its constants, its parameter values, and the shards chosen for it.
 */
package org.jcitus.planner;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jcitus.metadata.LocalSql;
import org.jcitus.metadata.MetadataCache.CitusTable;
import org.jcitus.metadata.MetadataCache.ShardPlacements;
import org.jcitus.sharding.HashFunction;

/**
 * Fills a {@link QueryTemplate}: constants as the query printed them, parameters as
 * literals of their types, references as the shards this execution chose. Also finds the
 * shard a distribution column value belongs to.
 */
final class Execution implements QueryTemplate.Values {
    private final String[] constants;
    private final Object[] parameters;
    private final String[] parameterTypeNames;
    final String[] shards;
    /**
     * Values sent apart from the text, as the node's bind parameters ("?" in the text): the
     * distribution column values, so that every query of a shape sends one text per shard,
     * which the node prepares once. Null when everything goes in the text.
     */
    private List<String> bindings;
    private Set<QueryAnalysis.Value> bound = Set.of();
    /** holes filled since {@link #bind} with a literal rather than a bind parameter */
    private int literals;
    /** a parameter was rendered as "$n" for want of its value (EXPLAIN of a generic plan) */
    private boolean placeholders;

    Execution(String[] constants, Object[] parameters, String[] parameterTypeNames, int references) {
        this.constants = constants;
        this.parameters = parameters;
        this.parameterTypeNames = parameterTypeNames;
        this.shards = new String[references];
    }

    /** From now on, render these values as bind parameters (see {@link #bindings()}). */
    void bind(Set<QueryAnalysis.Value> values) {
        bound = values;
        bindings = new ArrayList<>();
        literals = 0;
    }

    /**
     * Whether every constant and parameter filled since {@link #bind} went as a bind
     * parameter: the text then depends on the shards alone, and plans may reuse it.
     */
    boolean onlyBindings() {
        return bindings != null && literals == 0;
    }

    /** The bind parameters of the text rendered since {@link #bind}, in order; empty if none. */
    List<String> bindings() {
        List<String> values = bindings == null ? List.of() : bindings;
        bindings = bindings == null ? null : new ArrayList<>();
        return values;
    }

    @Override
    public String constant(int index) {
        String literal = constants[index];
        boolean quoted = literal.startsWith("'");
        if (bindings != null && (quoted || Character.isDigit(literal.charAt(0)))
                && bound.contains(new QueryAnalysis.Value(index, 0))) {
            bindings.add(quoted ? unquote(literal) : literal);
            return "?";
        }
        literals++;
        return literal;
    }

    @Override
    public String parameter(int number) {
        String type = number <= parameterTypeNames.length ? parameterTypeNames[number - 1] : "unknown";
        if (parameters == null || number > parameters.length) {
            placeholders = true;
            return "$" + number;    // EXPLAIN of a generic plan
        }
        String text = parameterText(number);
        if (text != null && bindings != null && bound.contains(new QueryAnalysis.Value(-1, number))) {
            bindings.add(text);
            return "?::" + type;
        }
        literals++;
        return text == null ? "NULL::" + type : quote(text) + "::" + type;
    }

    @Override
    public String shard(int reference) {
        return shards[reference];
    }

    /** The execution's parameter values; null for EXPLAIN without them. */
    Object[] parameters() {
        return parameters;
    }

    boolean hasParameterValues() {
        return parameters != null;
    }

    /** Whether a text rendered so far names a parameter whose value it was not given ("$n"). */
    boolean renderedPlaceholders() {
        return placeholders;
    }

    /** The shard of the table that holds rows whose distribution column equals the value. */
    ShardPlacements shardFor(CitusTable table, QueryAnalysis.Value value) throws SQLException {
        String text;
        String literal;
        if (value == QueryAnalysis.Value.NULL) {
            return null;    // no row has a NULL distribution column value
        } else if (value.parameter() > 0) {
            if (parameters == null || value.parameter() > parameters.length) {
                throw new ShapePlan.ParameterNeeded();
            }
            text = parameterText(value.parameter());
            literal = text == null ? "NULL" : quote(text);
        } else {
            literal = constants[value.constant()];
            text = literal.startsWith("'") ? unquote(literal)
                    : Character.isDigit(literal.charAt(0)) || literal.charAt(0) == '.' ? literal : null;
        }
        if (text == null && value.parameter() > 0) {
            return null;
        }
        if (text == null) {
            // a literal written another way (E'..', B'..'): PostgreSQL reads it
            text = (String) LocalSql.value("SELECT (" + literal + ")::text");
        }
        return table.shardForHash(HashFunction.hash(table.distributionColumnType(), text));
    }

    private String parameterText(int number) {
        Object v = parameters[number - 1];
        if (v == null) {
            return null;
        }
        if (v instanceof byte[] bytes) {
            StringBuilder hex = new StringBuilder("\\x");
            for (byte x : bytes) {
                hex.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
            }
            return hex.toString();
        }
        if (v instanceof java.math.BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString();
    }

    private static String unquote(String literal) {
        return literal.substring(1, literal.length() - 1).replace("''", "'");
    }

    /** A standard-conforming string literal. */
    static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
