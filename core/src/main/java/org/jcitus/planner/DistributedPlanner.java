/*
 * DistributedPlanner.java — jcitus's planner: takes every query on a Citus table and plans it by shape.
 */
package org.jcitus.planner;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jcitus.executor.ShardCopy;
import org.jcitus.metadata.LocalSql;
import org.jcitus.metadata.MetadataCache;
import org.jcitus.metadata.MetadataCache.CitusTable;
import org.jcitus.pljvm.QueryPlanning;
import org.jcitus.pljvm.QueryPlanning.Features;
import org.jcitus.pljvm.SqlError;

/**
 * Registered with the planner bridge for every table in pg_dist_partition (pljvm.planner_init
 * names {@link #init}). A query is planned per shape (its deparsed text without constants):
 * the first query of a shape is analysed, and the plan made for it serves every later query
 * of the shape with its own constants. What cannot run correctly yet is refused with an
 * error: the shell tables are empty, so leaving a query to PostgreSQL would answer wrongly.
 */
public final class DistributedPlanner implements QueryPlanning.QueryPlanner {
    private static final DistributedPlanner INSTANCE = new DistributedPlanner();
    private static final int KEPT_SHAPES = 512;
    private static final String NOT_SUPPORTED = "0A000";
    private static final int NOT_SIMPLY_ADDED_UP = Features.AGGREGATES | Features.WINDOW_FUNCTIONS
            | Features.GROUPING | Features.ORDER | Features.LIMIT | Features.DISTINCT | Features.SET_OPERATIONS
            | Features.SUBLINKS | Features.CTES | Features.SET_RETURNING_FUNCTIONS | Features.OTHER_FROM_ITEMS;
    /** What may make a SELECT lock rows or write: FOR UPDATE, or a CTE or subquery that could hold either. */
    private static final int MAY_LOCK_OR_WRITE = Features.LOCKING | Features.CTES | Features.SUBLINKS;

    private final Map<String, ShapePlan> shapes = new LinkedHashMap<>(KEPT_SHAPES * 2, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ShapePlan> eldest) {
            return size() > KEPT_SHAPES;
        }
    };
    private final Map<Integer, String> typeNames = new HashMap<>();
    private int lastCommand;
    private int lastFeatures;
    private int[] lastParameterTypes;
    private String lastPrefix;

    private DistributedPlanner() {
    }

    /**
     * Named by pljvm.planner_init: registers the planner for the Citus tables of this
     * database (none if jcitus is not installed in it). The bridge runs it again after any
     * relcache invalidation, so cached metadata and shapes are dropped here.
     */
    public static void init() throws SQLException {
        MetadataCache.clear();
        INSTANCE.shapes.clear();
        INSTANCE.typeNames.clear();
        List<Object[]> rows = Boolean.TRUE.equals(LocalSql.value(
                "SELECT to_regclass('pg_catalog.pg_dist_partition') IS NOT NULL"))
                ? LocalSql.rows("SELECT logicalrelid::oid::bigint FROM pg_catalog.pg_dist_partition")
                : List.of();
        long[] ids = new long[rows.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = ((Number) rows.get(i)[0]).longValue();
        }
        QueryPlanning.register(INSTANCE, ids);
    }

    @Override
    public QueryPlanning.PlannedQuery plan(long[] relationIds, String query, int[] parameterTypes, int command,
                                           int features) throws SQLException {
        DeparsedQuery q = DeparsedQuery.of(query);
        String key = q.shape(shapePrefix(command, features, parameterTypes));
        ShapePlan plan = shapes.get(key);
        if (plan == null) {
            plan = planShape(q, relationIds, parameterTypes, command, features);
            shapes.put(key, plan);
        }
        return plan.bind(q.constants());
    }

    /**
     * What sets plans of one text apart: the command, the bridge's features, the parameter
     * types. The last one made is reused (queries of a session mostly come alike).
     */
    private String shapePrefix(int command, int features, int[] parameterTypes) {
        if (lastPrefix != null && command == lastCommand && features == lastFeatures
                && Arrays.equals(parameterTypes, lastParameterTypes)) {
            return lastPrefix;
        }
        StringBuilder b = new StringBuilder().append(command).append(' ').append(features);
        for (int t : parameterTypes) {
            b.append(',').append(t);
        }
        lastCommand = command;
        lastFeatures = features;
        lastParameterTypes = parameterTypes.clone();
        lastPrefix = b.append(' ').toString();
        return lastPrefix;
    }

    /** COPY FROM into a Citus table: rows routed to the shards (every copy of a reference table). */
    @Override
    public QueryPlanning.CopyReceiver copyFrom(long relationId, String[] columns) throws SQLException {
        CitusTable table = MetadataCache.table(relationId);
        return table == null ? null : ShardCopy.into(table, columns);
    }

    private ShapePlan planShape(DeparsedQuery q, long[] relationIds, int[] parameterTypes, int command,
                                int features) throws SQLException {
        // an INSERT .. SELECT into a distributed table may read local tables (known after the analysis)
        boolean localTables = (features & Features.UNREGISTERED_RELATIONS) != 0;
        if (localTables && command != QueryPlanning.INSERT) {
            throw localTablesNotSupported();
        }
        List<CitusTable> tables = new ArrayList<>();
        for (long id : relationIds) {
            CitusTable t = MetadataCache.table(id);
            if (t != null) {
                tables.add(t);
            }
        }
        QueryAnalysis a = new QueryAnalysis(q, new Resolver(tables));
        Set<Long> named = new HashSet<>();
        int distributedReferences = 0;
        for (QueryAnalysis.Reference r : a.references) {
            named.add(r.table().relationId());
            distributedReferences += r.table().reference() ? 0 : 1;
        }
        for (CitusTable t : tables) {
            if (!named.contains(t.relationId())) {
                throw new SqlError(NOT_SUPPORTED, "could not tell where the query uses table \"" + t.name() + "\"")
                        .withDetail("Query: " + q.text.replaceAll("\\s+", " ").trim());
            }
        }
        String[] typeNames = typeNames(parameterTypes);
        QueryAnalysis.Reference target = a.target >= 0 ? a.references.get(a.target) : null;
        if (a.assignsDistributionColumn) {
            throw new SqlError(NOT_SUPPORTED, "modifying the partition value of rows is not allowed");
        }
        boolean writesReferenceTable = a.writesReferenceTable();
        if (command == QueryPlanning.INSERT && target != null && target.table().reference()
                && (distributedReferences > 0 || localTables
                    || (features & (Features.VOLATILE_WRITE | Features.DEFAULTS_HERE)) != 0)
                && InsertSelectPlan.Source.find(a) != null) {
            // the SELECT cannot run on each copy alike: its rows come here and go to every copy
            return insertSelect(a, parameterTypes, typeNames, features);
        }
        if (writesReferenceTable && (features & Features.VOLATILE_WRITE) != 0) {
            throw new SqlError(NOT_SUPPORTED, "functions used in writes to reference tables must not be VOLATILE")
                    .withDetail("Each copy of the reference table would compute its own values, and the copies"
                            + " would differ.")
                    .withHint("Compute the values first and write them as constants or parameters.");
        }
        if (writesReferenceTable && distributedReferences > 0) {
            throw new SqlError(NOT_SUPPORTED, "cannot modify a reference table with rows of distributed tables")
                    .withDetail("A reference table's copies must all receive the same rows.");
        }
        if (command == QueryPlanning.INSERT && target != null && !target.table().reference()) {
            if (a.insertProblem != null) {
                throw new SqlError(NOT_SUPPORTED, a.insertProblem);
            }
            if (a.insert == null) {
                return insertSelect(a, parameterTypes, typeNames, features);
            }
            if (distributedReferences > 1) {
                throw new SqlError(NOT_SUPPORTED, "INSERT ... VALUES that reads other distributed tables is not"
                        + " supported yet");
            }
        }
        if (command == QueryPlanning.INSERT && target == null && a.insert == null
                && InsertSelectPlan.Source.find(a) != null) {
            // into a local table: the rows of Citus tables come here
            return insertSelect(a, parameterTypes, typeNames, features);
        }
        if (localTables) {
            throw localTablesNotSupported();
        }
        if (command == QueryPlanning.INSERT && target != null && !target.table().reference()) {
            return new InsertPlan(a, typeNames);
        }
        QueryAnalysis.Value[] pins = a.pins();
        List<Integer> unpinned = new ArrayList<>();
        for (int i = 0; i < pins.length; i++) {
            if (!a.references.get(i).table().reference() && pins[i] == null) {
                unpinned.add(i);
            }
        }
        if (unpinned.isEmpty()) {
            return new RouterPlan(a, typeNames, pins,
                    command == QueryPlanning.SELECT && (features & MAY_LOCK_OR_WRITE) == 0,
                    (features & Features.VOLATILE_READ) == 0);
        }
        boolean writes = command != QueryPlanning.SELECT;
        if (distributedReferences == 1 && (writes ? a.target == unpinned.get(0)
                : (features & NOT_SIMPLY_ADDED_UP) == 0)) {
            return new MultiShardPlan(a, typeNames, unpinned.get(0), writes);
        }
        throw new SqlError(NOT_SUPPORTED, "this query on several shards is not supported yet")
                .withDetail("A query runs on one shard when each distributed table in it is filtered by an equality"
                        + " on its distribution column (or joined on it to one that is). Otherwise, for now, it may"
                        + " name one distributed table, and a SELECT may not aggregate, group, sort, limit, use"
                        + " DISTINCT, window functions, set operations, subqueries or CTEs.")
                .withHint("Add an equality on the distribution column to the WHERE clause.");
    }

    /**
     * INSERT .. SELECT: pushed down to each shard group when its rows stay in the shard
     * group they come from; otherwise through the coordinator: the SELECT runs here when it
     * names no Citus table, else as its own distributed query, planned with the SELECT's own
     * features (and the statement's WITH clause, which it takes along): a router query, or
     * one on every shard of one table whose rows simply add up. Into a local table (every
     * Citus table the statement names is in its SELECT), the rows are inserted here.
     */
    private ShapePlan insertSelect(QueryAnalysis a, int[] parameterTypes, String[] typeNames,
                                   int features) throws SQLException {
        InsertSelectPlan.Source source = InsertSelectPlan.Source.of(a);
        boolean localTarget = a.target < 0;
        if (!localTarget && a.references.size() == 1) {
            return InsertSelectPlan.of(a, typeNames, source, null);
        }
        List<Long> read = new ArrayList<>();
        int named = 0;
        boolean localCopies = true;
        for (QueryAnalysis.Reference r : a.references) {
            if (source.inSelect(r.first())) {
                named++;
                localCopies &= r.table().reference() && hasLocalCopy(r.table());
                if (!read.contains(r.table().relationId())) {
                    read.add(r.table().relationId());
                }
            }
        }
        if (named + (localTarget ? 0 : 1) < a.references.size()) {
            throw new SqlError(NOT_SUPPORTED, "INSERT ... SELECT that names Citus tables outside its SELECT is not"
                    + " supported yet");
        }
        // the SELECT reads local tables (into a local table, the statement always names one)
        int readsLocal = localTarget ? features >>> Features.SOURCE_SHIFT : features;
        if ((readsLocal & Features.UNREGISTERED_RELATIONS) != 0) {
            // local tables are read here: so may reference tables this node has a copy of
            if (!localCopies) {
                throw localTablesNotSupported();
            }
            return InsertSelectPlan.of(a, typeNames, source, null);
        }
        // defaults computed here go with rows that come here
        if (!localTarget && !a.references.get(a.target).table().reference()
                && (features & Features.DEFAULTS_HERE) == 0) {
            ShapePlan pushed = InsertSelectPushdown.of(a, typeNames, features, source);
            if (pushed != null) {
                return pushed;
            }
        }
        long[] ids = new long[read.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = read.get(i);
        }
        int selectFeatures = (features >>> Features.SOURCE_SHIFT) | (features & Features.CTES);
        ShapePlan selectPlan;
        try {
            selectPlan = planShape(DeparsedQuery.of(source.text(a.q)), ids, parameterTypes, QueryPlanning.SELECT,
                    selectFeatures);
        } catch (SqlError e) {
            if (!NOT_SUPPORTED.equals(e.getSQLState())) {
                throw e;
            }
            throw insertSelectNotSupported(localTarget, "The SELECT: " + e.getMessage());
        }
        if (selectPlan instanceof MultiShardPlan && (features & Features.VOLATILE_WRITE) != 0) {
            // each shard's node would compute them: a serial column's nextval has no sequence there
            throw insertSelectNotSupported(localTarget, "The statement calls volatile functions (a serial column's default"
                    + " among them) and its SELECT reads every shard.");
        }
        return InsertSelectPlan.of(a, typeNames, source, selectPlan);
    }

    /** Whether this node holds a copy of the reference table (the coordinator does once it is in the metadata). */
    private static boolean hasLocalCopy(CitusTable table) throws SQLException {
        return ShapePlan.thisNodeAmong(table.shards().get(0).nodes()) != null;
    }

    private static SqlError insertSelectNotSupported(boolean localTarget, String detail) {
        return new SqlError(NOT_SUPPORTED, "this INSERT ... SELECT into a " + (localTarget ? "local" : "distributed")
                + " table is not supported yet")
                .withDetail(detail)
                .withHint("The SELECT may read no Citus table, pin its distributed tables to one shard group, or read"
                        + " one distributed table on every shard without aggregates, grouping, ordering, limits,"
                        + " DISTINCT or volatile functions.");
    }

    private static SqlError localTablesNotSupported() {
        return new SqlError(NOT_SUPPORTED, "queries that combine distributed or reference tables with local"
                + " tables are not supported yet")
                .withHint("Make the local table a reference table with create_reference_table, or distribute it.");
    }

    /** A class, not a lambda: a lambda's class is spun at first use, in every new backend. */
    private static final class Resolver implements Function<String[], CitusTable> {
        private final List<CitusTable> tables;

        Resolver(List<CitusTable> tables) {
            this.tables = tables;
        }

        @Override
        public CitusTable apply(String[] name) {
            return resolve(tables, name);
        }
    }

    /** The Citus table of the query that a relation name means, or null. */
    private static CitusTable resolve(List<CitusTable> tables, String[] name) {
        CitusTable found = null;
        for (CitusTable t : tables) {
            if (t.name().equals(name[1]) && (name[0] == null || t.schema().equals(name[0]))) {
                if (found != null) {
                    return visible(tables, name[1]);
                }
                found = t;
            }
        }
        return found;
    }

    /** Of several tables with one name, the one an unqualified name means (first in search_path). */
    private static CitusTable visible(List<CitusTable> tables, String name) {
        for (CitusTable t : tables) {
            try {
                if (t.name().equals(name) && Boolean.TRUE.equals(
                        LocalSql.value("SELECT pg_catalog.pg_table_is_visible(?::oid)", t.relationId()))) {
                    return t;
                }
            } catch (SQLException e) {
                return null;
            }
        }
        return null;
    }

    private String[] typeNames(int[] types) throws SQLException {
        String[] names = new String[types.length];
        for (int i = 0; i < types.length; i++) {
            String name = typeNames.get(types[i]);
            if (name == null) {
                name = (String) LocalSql.value("SELECT pg_catalog.format_type(?::oid, NULL)", types[i]);
                typeNames.put(types[i], name);
            }
            names[i] = name;
        }
        return names;
    }
}
