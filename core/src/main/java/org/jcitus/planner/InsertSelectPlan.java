/*
 * InsertSelectPlan.java — INSERT .. SELECT through the coordinator: the SELECT's rows come here and go to their shards.
 */
package org.jcitus.planner;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jcitus.executor.Task;
import org.jcitus.executor.TaskExecutor;
import org.jcitus.executor.TaskResult;
import org.jcitus.metadata.LocalSql;
import org.jcitus.metadata.MetadataCache;
import org.jcitus.metadata.MetadataCache.CitusTable;
import org.jcitus.metadata.MetadataCache.ShardPlacements;
import org.jcitus.metadata.WorkerNode;
import org.jcitus.pljvm.QueryPlanning;
import org.jcitus.pljvm.SqlError;
import org.jcitus.sharding.HashFunction;

/**
 * What Citus calls INSERT .. SELECT via the coordinator: the SELECT's rows come here, each
 * goes to the shard of its distribution column value (into a reference table: to every
 * copy, when the SELECT cannot run on each copy alike), and each shard's rows go as
 * INSERT .. VALUES with the statement's ON CONFLICT and RETURNING clauses, a thousand rows
 * a statement. Into a local table, those statements run here, through SPI: the table's
 * own defaults and triggers apply (the bridge leaves omitted columns out).
 *
 * <p>A SELECT that reads no Citus table (generate_series, VALUES, local tables, and
 * reference tables this node has a copy of) runs here through SPI, in the local
 * transaction; one that reads Citus tables runs as its own distributed query: a router
 * query (every distributed table pinned to one shard group; reference tables read here),
 * or one on every shard of one table whose rows simply add up. Volatile expressions of a
 * SELECT that runs here (random()) are computed here once per row, as on one server. The
 * volatile defaults of omitted columns (a serial's nextval) are computed here a value per
 * row, whichever way the SELECT runs: the nodes have no such sequence.
 *
 * <p>The bridge prints the SELECT with the INSERT's target list (defaults and assignment
 * casts included, length coercions and the defaults computed here left out), so its
 * columns are the column list's, one for one. Rows go out in batches: a SELECT run here is
 * read through a cursor; a distributed SELECT's tasks all start at once as portals, so
 * one fetch per shard is held at most, and the portals keep their snapshots (the SELECT
 * does not see what the statement inserts).
 */
final class InsertSelectPlan extends ShapePlan {
    private static final int ROWS_PER_STATEMENT = 1000;
    /** rows read from the SELECT at a time, and sent before the next are read */
    private static final int ROWS_PER_BATCH = 50000;
    /** cursors open now (a SELECT's function may run another INSERT .. SELECT): a name of each its own */
    private static int openCursors;
    /** under the protocol's limit of 65535 bind parameters per statement */
    private static final int BIND_PARAMETERS_PER_STATEMENT = 30000;

    /** the statement's WITH clause (for the SELECT) and its SELECT */
    private final QueryTemplate with;
    private final QueryTemplate select;
    /** INSERT INTO t (columns, without the closing parenthesis */
    private final QueryTemplate prefix;
    /** omitted columns whose volatile defaults are computed here (see QueryPlanning.insertDefaults) */
    private final String[] defaultColumns;
    /** those defaults for a number of rows, as text; null without them */
    private final String defaultsQuery;
    /** ON CONFLICT .. RETURNING .., or nothing */
    private final QueryTemplate suffix;
    /** the SELECT's columns */
    private final int selectedColumns;
    /** the SELECT's columns, then the defaults computed here */
    private final int columns;
    /** the distribution column's place in a row, or -1 if the statement leaves it NULL */
    private final int keyColumn;
    /** the text has no "?" of its own that the driver would take for a parameter */
    private final boolean bindable;
    /** the SELECT's own distributed plan when it reads Citus tables, else null (it runs here) */
    private final ShapePlan selectPlan;
    /** the statement's constants that are the SELECT's, in order */
    private final int[] selectConstants;

    private InsertSelectPlan(QueryAnalysis analysis, String[] parameterTypeNames, Source source,
                             ShapePlan selectPlan) throws SqlError {
        super(analysis, parameterTypeNames);
        if (!source.wholeColumns(analysis.q)) {
            throw new SqlError("0A000", "INSERT ... SELECT into array elements or fields of a Citus table is not"
                    + " supported yet");
        }
        DeparsedQuery q = analysis.q;
        QueryAnalysis.Reference target = analysis.target >= 0 ? analysis.references.get(analysis.target) : null;
        this.with = QueryTemplate.of(analysis, 0, q.start(source.insert));
        this.select = QueryTemplate.of(analysis, q.start(source.selectStart), source.selectEndChar(q));
        this.prefix = QueryTemplate.of(analysis, q.start(source.insert), q.start(source.close));
        this.suffix = QueryTemplate.of(analysis, source.selectEndChar(q), q.text.length());
        String[] defaults = QueryPlanning.insertDefaults();
        this.defaultColumns = new String[defaults == null ? 0 : defaults.length / 2];
        StringBuilder computed = new StringBuilder("SELECT ");
        for (int i = 0; i < defaultColumns.length; i++) {
            defaultColumns[i] = defaults[2 * i];
            computed.append(i == 0 ? "(" : ", (").append(defaults[2 * i + 1]).append(")::text");
        }
        this.defaultsQuery = defaultColumns.length == 0 ? null : computed.append(" FROM generate_series(1, ").toString();
        this.selectedColumns = (source.close - source.open) / 2;
        this.columns = selectedColumns + defaultColumns.length;
        this.keyColumn = target == null ? -1 : keyColumn(source.column(q, target.table().distributionColumn()),
                target.table().distributionColumn());
        this.bindable = q.text.indexOf('?') < 0;
        this.selectPlan = selectPlan;
        List<Integer> constants = new ArrayList<>();
        for (int t = 0; t < q.size(); t++) {
            if (q.constantIndex(t) >= 0 && source.inSelect(t)) {
                constants.add(q.constantIndex(t));
            }
        }
        this.selectConstants = new int[constants.size()];
        for (int i = 0; i < selectConstants.length; i++) {
            selectConstants[i] = constants.get(i);
        }
    }

    /** The distribution column's place: in the column list, or among the defaults computed here. */
    private int keyColumn(int listed, String name) {
        for (int i = 0; listed < 0 && i < defaultColumns.length; i++) {
            if (defaultColumns[i].equals(name)) {
                return selectedColumns + i;
            }
        }
        return listed;
    }

    /**
     * The plan of the statement whose parts are where the source says; its SELECT runs as
     * the given distributed query (see {@link Source#text}), or here when that is null (it
     * names no Citus table but reference tables this node has a copy of).
     */
    static InsertSelectPlan of(QueryAnalysis analysis, String[] parameterTypeNames, Source source,
                               ShapePlan selectPlan) throws SqlError {
        return new InsertSelectPlan(analysis, parameterTypeNames, source, selectPlan);
    }

    /**
     * Where the parts of INSERT .. SELECT are, by token: the INSERT keyword (a WITH clause
     * before it), the column list's parentheses, the SELECT, and what follows it (ON
     * CONFLICT, RETURNING, or the end).
     */
    record Source(int insert, int open, int close, int selectStart, int selectEnd) {
        static Source of(QueryAnalysis analysis) throws SqlError {
            Source source = find(analysis);
            if (source == null) {
                throw new SqlError("XX000", "could not read the INSERT ... SELECT as deparsed")
                        .withDetail("Query: " + analysis.q.text.replaceAll("\\s+", " ").trim());
            }
            return source;
        }

        /** The parts of the statement if it is an INSERT .. SELECT, else null. */
        static Source find(QueryAnalysis analysis) {
            DeparsedQuery q = analysis.q;
            int insert = topLevel(q, 0, "INSERT");
            if (insert < 0) {
                return null;
            }
            // into a local table: its name is no Citus table's, the column list follows it
            int open = analysis.target >= 0 ? analysis.references.get(analysis.target).last() + 1 : insert + 1;
            while (open < q.size() && !q.is(open, "(")) {
                open++;
            }
            int close = q.closing(open);
            if (close >= q.size() || !q.is(close + 1, "SELECT")) {
                return null;
            }
            return new Source(insert, open, close, close + 1, clausesAfterSelect(q, close + 1));
        }

        /** The column's place in the column list (of whole columns), or -1. */
        int column(DeparsedQuery q, String name) {
            for (int t = open + 1; t < close; t += 2) {
                if (q.name(t).equals(name)) {
                    return (t - open - 1) / 2;
                }
            }
            return -1;
        }

        /**
         * Whether the column list names whole columns only: an element or field
         * (arr[1], comp.f) would not be a column of its own for a row's values.
         */
        boolean wholeColumns(DeparsedQuery q) {
            for (int t = open + 1; t < close; t++) {
                if (!(q.isName(t) && (t + 1 == close || q.is(t + 1, ",")))) {
                    return false;
                }
                t++;
            }
            return true;
        }

        int selectEndChar(DeparsedQuery q) {
            return selectEnd < q.size() ? q.start(selectEnd) : q.text.length();
        }

        /** Whether the token is the SELECT's (or the WITH clause's, which the SELECT may use). */
        boolean inSelect(int token) {
            return token < insert || (token >= selectStart && token < selectEnd);
        }

        /** The SELECT's own text: the WITH clause and the SELECT. */
        String text(DeparsedQuery q) {
            return q.text.substring(0, q.start(insert)) + q.text.substring(q.start(selectStart), selectEndChar(q));
        }
    }

    /** The first token from 'from' on, outside parentheses, that is the keyword; -1 if none. */
    private static int topLevel(DeparsedQuery q, int from, String keyword) {
        for (int t = from; t < q.size(); t++) {
            if (q.is(t, "(")) {
                t = q.closing(t);
            } else if (q.is(t, keyword)) {
                return t;
            }
        }
        return -1;
    }

    /** Where the SELECT ends: its ON CONFLICT or RETURNING clause, or the end (size()). */
    private static int clausesAfterSelect(DeparsedQuery q, int selectStart) {
        for (int t = selectStart; t < q.size(); t++) {
            if (q.is(t, "(")) {
                t = q.closing(t);
            } else if (q.is(t, "RETURNING") || (q.is(t, "ON") && q.is(t + 1, "CONFLICT"))) {
                return t;
            }
        }
        return q.size();
    }

    /** Into a reference table, every copy gets the rows; one reports them. */
    @Override
    boolean writesCopies() {
        return analysis.target >= 0 && analysis.references.get(analysis.target).table().reference();
    }

    @Override
    String kind() {
        return "Citus INSERT ... SELECT via coordinator";
    }

    @Override
    String atExecution() {
        String into = analysis.target >= 0 ? " and its rows go to their shards at execution"
                : " and its rows go into the local table at execution";
        return (selectPlan == null ? ", the SELECT runs here" : ", the SELECT runs as " + selectPlan.kind()) + into;
    }

    /** EXPLAIN: nothing runs, the SELECT's rows decide the tasks. */
    @Override
    List<Task> tasks(Execution e) {
        throw new ParameterNeeded();
    }

    /**
     * The SELECT's rows, a batch at a time, each batch's statements run before the next
     * batch is read; all of them in the transaction's remote transactions unless one batch
     * holds every row (see TaskExecutor.executePart).
     */
    @Override
    TaskResult run(String[] constants, Object[] parameters) throws SQLException {
        Execution e = execution(constants, parameters);
        Rows source = selectPlan != null ? new PlannedRows(e) : new CursorRows(e);
        List<Object[]> returned = new ArrayList<>();
        long modified = 0;
        int position = 0;
        try {
            List<String[]> batch = withDefaults(source.next());
            while (batch != null) {
                List<String[]> following = batch.size() < ROWS_PER_BATCH ? null : withDefaults(source.next());
                List<Task> tasks = tasks(e, batch, position);
                TaskResult result = position == 0 && following == null
                        ? TaskExecutor.execute(tasks, writesCopies(), false)
                        : TaskExecutor.executePart(tasks, writesCopies());
                while (result.hasNext()) {
                    returned.add(result.next());
                }
                modified += result.modified();
                position += batch.size();
                batch = following;
            }
        } finally {
            source.close();
        }
        return new TaskResult(returned, modified);
    }

    /**
     * The rows with the defaults computed here appended, a value per row in the SELECT's
     * order (as one server calls a serial's nextval); null stays null (no more rows).
     */
    private List<String[]> withDefaults(List<String[]> rows) throws SQLException {
        if (rows == null || defaultsQuery == null) {
            return rows;
        }
        List<String[]> extended = new ArrayList<>(rows.size());
        // a Statement: a "?" in a default is an operator, not a placeholder
        try (Statement st = LocalSql.local().createStatement();
             ResultSet values = st.executeQuery(defaultsQuery + rows.size() + ")")) {
            for (String[] row : rows) {
                values.next();
                String[] whole = Arrays.copyOf(row, columns);
                for (int i = 0; i < defaultColumns.length; i++) {
                    whole[selectedColumns + i] = values.getString(i + 1);
                }
                extended.add(whole);
            }
        }
        return extended;
    }

    /**
     * Each batch's rows go to their shards, a statement per shard per thousand rows; into
     * a local table, the statements run here.
     */
    private List<Task> tasks(Execution e, List<String[]> rows, int firstPosition) throws SQLException {
        if (analysis.target < 0) {
            return localTasks(e, rows, firstPosition);
        }
        CitusTable table = analysis.references.get(analysis.target).table();
        Map<Integer, List<Integer>> rowsOfShard = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            int shard = shardOf(table, rows.get(i));
            List<Integer> shardRows = rowsOfShard.get(shard);
            if (shardRows == null) {
                shardRows = new ArrayList<>();
                rowsOfShard.put(shard, shardRows);
            }
            shardRows.add(i);
        }
        int perStatement = Math.min(ROWS_PER_STATEMENT, Math.max(1, BIND_PARAMETERS_PER_STATEMENT / columns));
        int localGroup = MetadataCache.localGroup();
        List<Task> tasks = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> s : rowsOfShard.entrySet()) {
            ShardPlacements shard = table.shards().get(s.getKey());
            e.shards[analysis.target] = shard.qualifiedName();
            boolean bind = bindable && shard.nodes().size() == 1 && shard.nodes().get(0).groupId() != localGroup;
            List<Integer> shardRows = s.getValue();
            for (int from = 0; from < shardRows.size(); from += perStatement) {
                List<Integer> part = shardRows.subList(from, Math.min(shardRows.size(), from + perStatement));
                List<String> bindings = bind ? new ArrayList<>(part.size() * columns) : List.of();
                String sql = render(e, rows, part, bindings, bind);
                int[] positions = shard.nodes().size() == 1 ? positions(part, firstPosition) : null;
                for (WorkerNode node : shard.nodes()) {
                    tasks.add(new Task(node, sql, bindings, positions));
                }
            }
        }
        return tasks;
    }

    /** The SELECT's rows as text, a batch of at most ROWS_PER_BATCH at a time. */
    private interface Rows {
        /** The next batch, or null after the last. */
        List<String[]> next() throws SQLException;

        void close() throws SQLException;
    }

    /**
     * The rows of the SELECT's own distributed plan, every task started at once as a
     * portal (see TaskExecutor.throughPortals), its rows read a fetch at a time: a portal
     * keeps the snapshot it started with, so the SELECT does not see the rows the statement
     * inserts, even into the table it reads.
     */
    private final class PlannedRows implements Rows {
        private final Iterator<Object[]> selected;

        PlannedRows(Execution e) throws SQLException {
            String[] constants = new String[selectConstants.length];
            for (int i = 0; i < constants.length; i++) {
                constants[i] = e.constant(selectConstants[i]);
            }
            List<Task> tasks = selectPlan.tasks(selectPlan.execution(constants, e.parameters()));
            selected = TaskExecutor.throughPortals(tasks);
        }

        @Override
        public List<String[]> next() throws SQLException {
            List<String[]> rows = new ArrayList<>();
            try {
                while (rows.size() < ROWS_PER_BATCH && selected.hasNext()) {
                    Object[] row = selected.next();
                    String[] values = new String[selectedColumns];
                    for (int i = 0; i < selectedColumns; i++) {
                        values[i] = (String) row[i];
                    }
                    rows.add(values);
                }
            } catch (QueryPlanning.RowsFailed e) {
                throw (SQLException) e.getCause();
            }
            return rows.isEmpty() ? null : rows;
        }

        @Override
        public void close() {
        }
    }

    /**
     * The rows of a SELECT that runs here, through a cursor in the local transaction: a
     * large SELECT never sits whole in the JVM's heap.
     */
    private final class CursorRows implements Rows {
        private final Statement statement;
        private final String cursor = "jcitus_insert_select_" + (openCursors + 1);
        private boolean done;

        CursorRows(Execution e) throws SQLException {
            nameReferenceTables(e);     // read here: this node's copies
            StringBuilder source = new StringBuilder();
            with.render(source, e);
            select.render(source, e);
            StringBuilder sql = new StringBuilder("DECLARE ").append(cursor).append(" NO SCROLL CURSOR FOR SELECT ");
            StringBuilder names = new StringBuilder();
            for (int i = 1; i <= selectedColumns; i++) {
                sql.append(i == 1 ? "" : ", ").append("selected.c").append(i).append("::text");
                names.append(i == 1 ? "" : ", ").append('c').append(i);
            }
            sql.append(" FROM (").append(source).append(") selected(").append(names).append(')');
            // a Statement, not a PreparedStatement: a "?" in the text is an operator, not a placeholder
            statement = LocalSql.local().createStatement();
            try {
                statement.execute(sql.toString());
            } catch (SQLException | RuntimeException failure) {
                statement.close();
                throw failure;
            }
            openCursors++;
        }

        @Override
        public List<String[]> next() throws SQLException {
            if (done) {
                return null;
            }
            List<String[]> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("FETCH FORWARD " + ROWS_PER_BATCH + " FROM " + cursor)) {
                while (rs.next()) {
                    String[] row = new String[selectedColumns];
                    for (int i = 0; i < selectedColumns; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    rows.add(row);
                }
            }
            done = rows.size() < ROWS_PER_BATCH;
            return rows.isEmpty() ? null : rows;
        }

        /** After an error the transaction is aborting, which closes the cursor. */
        @Override
        public void close() throws SQLException {
            try {
                if (done) {
                    statement.execute("CLOSE " + cursor);
                }
            } finally {
                openCursors--;
                statement.close();
            }
        }
    }

    private List<Task> localTasks(Execution e, List<String[]> rows, int firstPosition) throws SQLException {
        WorkerNode here = WorkerNode.thisNode(MetadataCache.localGroup());
        List<Integer> all = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            all.add(i);
        }
        List<Task> tasks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += ROWS_PER_STATEMENT) {
            List<Integer> part = all.subList(from, Math.min(all.size(), from + ROWS_PER_STATEMENT));
            tasks.add(new Task(here, render(e, rows, part, List.of(), false), List.of(), positions(part, firstPosition)));
        }
        return tasks;
    }

    private int shardOf(CitusTable table, String[] row) throws SQLException {
        if (table.reference()) {
            return 0;
        }
        String key = keyColumn < 0 ? null : row[keyColumn];
        if (key == null) {
            throw new SqlError("22004", "cannot perform an INSERT with NULL in the partition column");
        }
        return table.shardForHash(HashFunction.hash(table.distributionColumnType(), key)).index();
    }

    /** INSERT INTO shard (columns) VALUES the rows, then the statement's ON CONFLICT and RETURNING. */
    private String render(Execution e, List<String[]> rows, List<Integer> part, List<String> bindings, boolean bind) {
        StringBuilder sql = new StringBuilder(64 + part.size() * columns * 8);
        prefix.render(sql, e);
        for (String column : defaultColumns) {
            sql.append(", ").append(LocalSql.quoteIdentifier(column));
        }
        sql.append(") VALUES ");
        for (int r = 0; r < part.size(); r++) {
            String[] row = rows.get(part.get(r));
            sql.append(r == 0 ? "(" : ", (");
            for (int c = 0; c < columns; c++) {
                sql.append(c == 0 ? "" : ", ");
                if (row[c] == null) {
                    sql.append("NULL");
                } else if (bind) {
                    bindings.add(row[c]);
                    sql.append('?');
                } else {
                    sql.append(Execution.quote(row[c]));
                }
            }
            sql.append(')');
        }
        suffix.render(sql, e);
        return sql.toString();
    }

    /** The SELECT's positions of a statement's rows: where RETURNING puts them on one server. */
    private static int[] positions(List<Integer> rows, int firstPosition) {
        int[] positions = new int[rows.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = firstPosition + rows.get(i);
        }
        return positions;
    }
}
