/*
 * QueryAnalysis.java — what the router needs to know of a deparsed query: where Citus tables are named, and what pins them to a shard.
 */
package org.jcitus.planner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jcitus.metadata.MetadataCache.CitusTable;

/**
 * One pass over a {@link DeparsedQuery} that finds:
 * <ul>
 * <li>every place a Citus table is named as a relation (FROM and JOIN items, the target of
 * INSERT, UPDATE and DELETE, USING), with its alias: the places shard names go;</li>
 * <li>the equalities of WHERE and JOIN .. ON conditions that hold for every row (the
 * conjuncts of the condition's top-level AND): {@code t.col = constant}, {@code col = $n},
 * {@code t1.col = t2.col}; from them, the value each distributed table's distribution
 * column must have, if any (its pin); a single-row INSERT inside the query (a CTE's)
 * pins its table too;</li>
 * <li>the tables written at any level, and whether an UPDATE (or ON CONFLICT DO UPDATE)
 * assigns a distribution column; the top-level INSERT's column list and VALUES rows.</li>
 * </ul>
 * Column references resolve through query levels (each SELECT, INSERT, UPDATE or DELETE
 * opens one): a qualified column names a relation of its level or an outer one; an
 * unqualified column belongs to its level's only relation (ruleutils qualifies columns
 * wherever a level has several).
 */
final class QueryAnalysis {
    /**
     * A Citus table named as a relation: tokens first..last are its (maybe qualified) name;
     * written: the table an INSERT, UPDATE or DELETE writes, at any level (a CTE's too).
     */
    record Reference(int first, int last, String refName, int level, CitusTable table, boolean hasAlias,
                     boolean insertTarget, boolean written) {
    }

    /** A value a column is compared with: a constant (its number), a parameter ($n), or NULL (neither). */
    record Value(int constant, int parameter) {
        static final Value NULL = new Value(-1, 0);

        // written out: a record's own equals and hashCode go through invokedynamic, which
        // C1 (the backend JVM's only compiler) calls slowly, and every routed query looks
        // values up in sets

        @Override
        public boolean equals(Object o) {
            return o instanceof Value v && v.constant == constant && v.parameter == parameter;
        }

        @Override
        public int hashCode() {
            return constant * 31 + parameter;
        }
    }

    /** INSERT .. VALUES: the rows' token ranges and each row's distribution column value. */
    record InsertRows(int firstRow, int lastRow, List<int[]> rows, List<Value> keys) {
    }

    final DeparsedQuery q;
    final List<Reference> references = new ArrayList<>();
    /** an UPDATE or ON CONFLICT DO UPDATE, at any level, assigns a distributed table's distribution column */
    boolean assignsDistributionColumn;
    /** the statement's target among references (INSERT, UPDATE, DELETE), or -1 */
    int target = -1;
    InsertRows insert;
    /** why an INSERT cannot be routed, or null */
    String insertProblem;
    /** the VALUES elements that are a constant or a parameter by themselves (their types come from the columns) */
    final Set<Value> insertValues = new HashSet<>();

    private final Function<String[], CitusTable> tables;
    private final List<Integer> levelParents = new ArrayList<>();
    private final List<Equality> equalities = new ArrayList<>();
    /** by level, the merged columns of JOIN .. USING, each with the name of its left table */
    private final Map<Integer, Map<String, String>> mergedColumns = new HashMap<>();
    /** the levels whose FROM has an outer join (LEFT, RIGHT or FULL) */
    private final Set<Integer> outerJoinLevels = new HashSet<>();
    private List<String> insertColumns;
    /** the column list of the latest INSERT target seen, at any level */
    private List<String> nestedInsertColumns;

    /** One side of an equality: a column (level, qualifier or null, name) or a value. */
    private record Operand(int level, String qualifier, String column, Value value) {
    }

    /** An equality of a condition (of a JOIN's ON clause or not) at the sides' level. */
    private record Equality(Operand left, Operand right, boolean onClause) {
        int level() {
            return left.level();
        }

        boolean withValue() {
            return left.value() != null || right.value() != null;
        }
    }

    /**
     * @param tables resolves a relation name ({schema or null, name}) to a Citus table of
     *        the query, or null for anything else
     */
    QueryAnalysis(DeparsedQuery q, Function<String[], CitusTable> tables) {
        this.q = q;
        this.tables = tables;
        scan();
    }

    /**
     * The value the distribution column of each reference must have, by reference index
     * (null where nothing pins it; always null for reference tables).
     *
     * <p>A condition restricts the rows of its own level's relations, and through
     * correlated columns those of the subqueries below it, but not the rows of the levels
     * above (a NOT EXISTS subquery's WHERE says nothing of the outer rows): a reference is
     * pinned by the equalities of its level and of the levels above it only. And at a
     * level with an outer join, a value in an ON clause pins nothing (the preserved side's
     * rows come out whether or not they match it); ON's column equalities still link the
     * joined tables' shards.
     */
    Value[] pins() {
        Value[] pins = new Value[references.size()];
        Map<Integer, Map<String, Value>> valuesSeenFrom = new HashMap<>();
        Map<Integer, Map<String, String>> classesSeenFrom = new HashMap<>();
        for (int i = 0; i < references.size(); i++) {
            CitusTable t = references.get(i).table();
            if (t.reference()) {
                continue;
            }
            int level = references.get(i).level();
            if (!classesSeenFrom.containsKey(level)) {
                classify(level, classesSeenFrom, valuesSeenFrom);
            }
            Map<String, String> parent = classesSeenFrom.get(level);
            pins[i] = valuesSeenFrom.get(level).get(root(parent, i + "." + t.distributionColumn()));
        }
        return pins;
    }

    /**
     * Whether two references of one level are joined on their distribution columns (an
     * equality of that level or an outer one links them) with no outer join at the level:
     * their rows meet only within a shard group.
     */
    boolean joinedOnDistributionColumns(int a, int b) {
        int level = references.get(a).level();
        if (references.get(b).level() != level || outerJoinLevels.contains(level)) {
            return false;
        }
        Map<Integer, Map<String, String>> classes = new HashMap<>();
        classify(level, classes, new HashMap<>());
        Map<String, String> parent = classes.get(level);
        return root(parent, a + "." + references.get(a).table().distributionColumn())
                .equals(root(parent, b + "." + references.get(b).table().distributionColumn()));
    }

    /** The classes of equal columns and values, and each class's value, as seen from a level. */
    private void classify(int level, Map<Integer, Map<String, String>> classesSeenFrom,
                          Map<Integer, Map<String, Value>> valuesSeenFrom) {
        List<Equality> seen = new ArrayList<>();
        for (Equality e : equalities) {
            if (isSameOrAbove(e.level(), level)
                    && !(e.onClause() && e.withValue() && outerJoinLevels.contains(e.level()))) {
                seen.add(e);
            }
        }
        Map<String, String> parent = new HashMap<>();
        for (Equality e : seen) {
            String a = key(e.left());
            String b = key(e.right());
            if (a != null && b != null) {
                parent.put(root(parent, a), root(parent, b));
            }
        }
        // values of outer levels first: where they contradict an inner level's, the inner
        // level's rows are none, and the outer rows are where the outer value says
        Map<String, Value> valueOfClass = new HashMap<>();
        seen.sort(new ByNesting());
        for (Equality e : seen) {
            for (Operand o : new Operand[] {e.left(), e.right()}) {
                String k = key(o);
                if (o.value() != null && k != null) {
                    valueOfClass.putIfAbsent(root(parent, k), o.value());
                }
            }
        }
        classesSeenFrom.put(level, parent);
        valuesSeenFrom.put(level, valueOfClass);
    }

    /** Equalities of outer levels first (a class, not a lambda: see Resolver in DistributedPlanner). */
    private final class ByNesting implements Comparator<Equality> {
        @Override
        public int compare(Equality x, Equality y) {
            return Integer.compare(nesting(x.level()), nesting(y.level()));
        }
    }

    /** How many levels the level is nested in. */
    private int nesting(int level) {
        int n = 0;
        for (int l = levelParents.get(level); l >= 0; l = levelParents.get(l)) {
            n++;
        }
        return n;
    }

    /** Whether level a is level b or one of the levels b is nested in. */
    private boolean isSameOrAbove(int a, int b) {
        for (int l = b; l >= 0; l = levelParents.get(l)) {
            if (l == a) {
                return true;
            }
        }
        return false;
    }

    private static String root(Map<String, String> parent, String k) {
        String r = k;
        while (parent.containsKey(r) && !parent.get(r).equals(r)) {
            r = parent.get(r);
        }
        return r;
    }

    /** A union-find key: "reference.column" for a column, "$n" or "#k" for a value; null if unresolved. */
    private String key(Operand o) {
        if (o.value() != null) {
            return o.value().parameter() > 0 ? "$" + o.value().parameter() : "#" + o.value().constant();
        }
        int ref = resolve(o);
        return ref < 0 ? null : ref + "." + o.column();
    }

    private int resolve(Operand o) {
        for (int level = o.level(); level >= 0; level = levelParents.get(level)) {
            String qualifier = o.qualifier();
            if (qualifier == null && mergedColumns.containsKey(level)) {
                // ruleutils leaves a JOIN .. USING column unqualified: the left table's
                qualifier = mergedColumns.get(level).get(o.column());
            }
            int found = -1;
            int count = 0;
            for (int i = 0; i < references.size(); i++) {
                Reference r = references.get(i);
                if (r.level() == level && (qualifier == null || qualifier.equals(r.refName()))) {
                    found = i;
                    count++;
                }
            }
            if (count == 1) {
                return found;
            }
            if (count > 1 || qualifier == null) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * JOIN .. USING (c, ..) between two Citus tables named right before and after the
     * join: their columns c are equal (as in an ON clause), and an unqualified c at the
     * level is the join's merged column, taken for the left table's. A join tree on the
     * left (in parentheses) is left alone: no pin goes through it.
     */
    private void joinUsing(int open, int level) {
        if (references.size() < 2) {
            return;
        }
        Reference right = references.get(references.size() - 1);
        Reference left = references.get(references.size() - 2);
        int t = right.first() - 1;
        while (q.is(t, "ONLY")) {
            t--;
        }
        if (right.level() != level || left.level() != level || end(right) != open - 2 || !q.is(t, "JOIN")) {
            return;
        }
        t--;
        while (q.is(t, "INNER") || q.is(t, "LEFT") || q.is(t, "RIGHT") || q.is(t, "FULL") || q.is(t, "OUTER")) {
            t--;
        }
        if (end(left) != t) {
            return;
        }
        Map<String, String> merged = mergedColumns.computeIfAbsent(level, l -> new HashMap<>());
        for (String column : names(open)) {
            equalities.add(new Equality(new Operand(level, left.refName(), column, null),
                    new Operand(level, right.refName(), column, null), true));
            merged.putIfAbsent(column, left.refName());
        }
    }

    /** The last token of a reference with its alias. */
    private static int end(Reference r) {
        return r.hasAlias() ? r.last() + 1 : r.last();
    }

    // ---------- the pass ----------

    private void scan() {
        int n = q.size();
        levelParents.add(-1);
        List<int[]> levels = new ArrayList<>();  // {depth, level}
        levels.add(new int[] {-1, 0});
        String[] clause = new String[n + 2];
        int depth = 0;
        boolean expectRelation = false;
        boolean intoInsert = false;
        for (int i = 0; i < n; i++) {
            if (q.is(i, "(") || q.is(i, "[")) {
                depth++;
                clause[depth] = expectRelation ? "FROM" : null;
                continue;
            }
            if (q.is(i, ")") || q.is(i, "]")) {
                depth--;
                while (levels.get(levels.size() - 1)[0] > depth) {
                    levels.remove(levels.size() - 1);
                }
                expectRelation = false;
                continue;
            }
            int level = levels.get(levels.size() - 1)[1];
            if (q.kind(i) == DeparsedQuery.Kind.KEYWORD) {
                String k = q.token(i);
                switch (k) {
                    case "SELECT", "INSERT", "UPDATE", "DELETE" -> {
                        while (levels.get(levels.size() - 1)[0] >= depth) {
                            levels.remove(levels.size() - 1);
                        }
                        levelParents.add(levels.get(levels.size() - 1)[1]);
                        levels.add(new int[] {depth, levelParents.size() - 1});
                        clause[depth] = k;
                        expectRelation = k.equals("UPDATE");
                        intoInsert = k.equals("INSERT");
                    }
                    case "FROM", "JOIN", "INTO" -> {
                        clause[depth] = k.equals("JOIN") ? "FROM" : k;
                        expectRelation = true;
                    }
                    case "USING" -> {
                        clause[depth] = k;
                        expectRelation = !q.is(i + 1, "(");
                        if (q.is(i + 1, "(")) {
                            joinUsing(i + 1, level);
                        }
                    }
                    case "ONLY", "LATERAL" -> {
                        // the relation (or subquery) follows
                    }
                    case "WHERE" -> {
                        clause[depth] = k;
                        condition(i + 1, level, false);
                        expectRelation = false;
                    }
                    case "LEFT", "RIGHT", "FULL" -> {
                        // ruleutils prints them only as join types (functions named so are quoted)
                        outerJoinLevels.add(level);
                        clause[depth] = k;
                        expectRelation = false;
                    }
                    case "ON" -> {
                        if (!q.is(i + 1, "CONFLICT")) {
                            clause[depth] = "FROM";
                            condition(i + 1, level, true);
                        } else {
                            clause[depth] = "CONFLICT";
                        }
                        expectRelation = false;
                    }
                    case "SET" -> {
                        clause[depth] = k;
                        assignments(i + 1);
                        expectRelation = false;
                    }
                    case "VALUES" -> {
                        clause[depth] = k;
                        if (depth == 0 && intoInsert) {
                            valuesRows(i + 1);
                        } else if (intoInsert) {
                            nestedValuesPin(i + 1, level);
                        }
                        expectRelation = false;
                    }
                    default -> {
                        clause[depth] = k;
                        expectRelation = false;
                    }
                }
                continue;
            }
            if (q.is(i, ",")) {
                expectRelation = "FROM".equals(clause[depth]) || "USING".equals(clause[depth]);
                continue;
            }
            if (expectRelation && q.isName(i)) {
                i = relation(i, level, depth, "INTO".equals(clause[depth]) && intoInsert);
            }
            expectRelation = false;
        }
    }

    /** A relation name at token i; returns the last token consumed. */
    private int relation(int i, int level, int depth, boolean insertTarget) {
        int last = i;
        String schema = null;
        String name = q.name(i);
        if (q.is(i + 1, ".") && q.isName(i + 2)) {
            schema = name;
            name = q.name(i + 2);
            last = i + 2;
        }
        if (!insertTarget && q.is(last + 1, "(")) {
            return last;    // a function in FROM (an INSERT's target is followed by its columns)
        }
        CitusTable table = tables.apply(new String[] {schema, name});
        if (table == null) {
            return last;
        }
        int aliasToken = insertTarget ? (q.is(last + 1, "AS") ? last + 2 : -1) : last + 1;
        boolean hasAlias = aliasToken > 0 && q.isName(aliasToken);
        String refName = hasAlias ? q.name(aliasToken) : name;
        boolean written = insertTarget || q.is(i - 1, "UPDATE") || q.is(i - 1, "FROM") && q.is(i - 2, "DELETE")
                || q.is(i - 1, "ONLY") && (q.is(i - 2, "UPDATE") || q.is(i - 3, "DELETE"));
        references.add(new Reference(i, last, refName, level, table, hasAlias, insertTarget, written));
        if (target < 0 && depth == 0 && written) {
            target = references.size() - 1;
        }
        if (insertTarget) {
            List<String> columns = q.is((hasAlias ? aliasToken : last) + 1, "(")
                    ? names(hasAlias ? aliasToken + 1 : last + 1) : null;
            if (depth == 0) {
                insertColumns = columns;
            }
            nestedInsertColumns = columns;
        }
        return last;
    }

    /** The names in the parenthesized list opening at token open. */
    private List<String> names(int open) {
        List<String> names = new ArrayList<>();
        int close = q.closing(open);
        for (int t = open + 1; t < close; t++) {
            if (q.isName(t)) {
                names.add(q.name(t));
            }
        }
        return names;
    }

    /** The condition starting at token start (ruleutils parenthesizes it). */
    private void condition(int start, int level, boolean onClause) {
        if (q.is(start, "(")) {
            conjuncts(start, q.closing(start) + 1, level, onClause);
        }
    }

    /** The conjuncts of [from, to), through nested ANDs and parentheses, kept if they are equalities. */
    private void conjuncts(int from, int to, int level, boolean onClause) {
        List<int[]> parts = split(from, to, "AND");
        if (parts.size() > 1) {
            for (int[] p : parts) {
                conjuncts(p[0], p[1], level, onClause);
            }
        } else if (q.is(from, "(") && q.closing(from) == to - 1) {
            conjuncts(from + 1, to - 1, level, onClause);
        } else {
            equality(from, to, level, onClause);
        }
    }

    /** Token ranges [from, to) of the parts of [from, to) separated by a keyword or punctuation at nesting 0. */
    private List<int[]> split(int from, int to, String separator) {
        List<int[]> parts = new ArrayList<>();
        int nesting = 0;
        int partStart = from;
        for (int t = from; t < to; t++) {
            if (q.is(t, "(") || q.is(t, "[")) {
                nesting++;
            } else if (q.is(t, ")") || q.is(t, "]")) {
                nesting--;
            } else if (nesting == 0 && q.is(t, separator)) {
                parts.add(new int[] {partStart, t});
                partStart = t + 1;
            }
        }
        parts.add(new int[] {partStart, to});
        return parts;
    }

    /** [from, to) if it is "a = b" with a column or value on each side. */
    private void equality(int from, int to, int level, boolean onClause) {
        List<int[]> sides = split(from, to, "=");
        if (sides.size() != 2) {
            return;
        }
        Operand left = operand(sides.get(0), level);
        Operand right = operand(sides.get(1), level);
        if (left != null && right != null && (left.value() == null || right.value() == null)) {
            equalities.add(new Equality(left, right, onClause));
        }
    }

    private Operand operand(int[] range, int level) {
        int from = range[0];
        int length = range[1] - from;
        if (length >= 1 && (length == 1 || q.is(from + 1, "::"))) {
            Value v = value(from);
            if (v != null) {
                return new Operand(level, null, null, v);
            }
        }
        if (length == 1 && q.isName(from)) {
            return new Operand(level, null, q.name(from), null);
        }
        if (length == 3 && q.isName(from) && q.is(from + 1, ".") && q.isName(from + 2)) {
            return new Operand(level, q.name(from), q.name(from + 2), null);
        }
        return null;
    }

    private Value value(int token) {
        if (q.is(token, "NULL")) {
            return Value.NULL;
        }
        if (q.kind(token) == DeparsedQuery.Kind.PARAMETER) {
            return new Value(-1, Integer.parseInt(q.token(token).substring(1)));
        }
        int constant = q.constantIndex(token);
        return constant < 0 ? null : new Value(constant, 0);
    }

    /** SET a = .., b = ..: whether it assigns the distribution column of the table written. */
    private void assignments(int start) {
        Reference written = null;
        for (Reference r : references) {
            written = r.written() ? r : written;
        }
        if (written != null && !written.table().reference()
                && assignedColumns(start).contains(written.table().distributionColumn())) {
            assignsDistributionColumn = true;
        }
    }

    /** SET a = .., b = .., (c, d) = ..: the assigned columns. */
    private List<String> assignedColumns(int start) {
        List<String> assignedColumns = new ArrayList<>();
        boolean expectColumn = true;
        int nesting = 0;
        for (int t = start; t < q.size(); t++) {
            if (nesting == 0 && expectColumn && q.is(t, "(")) {
                assignedColumns.addAll(names(t));
                t = q.closing(t);
                expectColumn = false;
                continue;
            }
            if (q.is(t, "(") || q.is(t, "[")) {
                nesting++;
            } else if (q.is(t, ")") || q.is(t, "]")) {
                if (--nesting < 0) {
                    return assignedColumns;
                }
            } else if (nesting == 0 && q.is(t, ",")) {
                expectColumn = true;
                continue;
            } else if (nesting == 0 && q.kind(t) == DeparsedQuery.Kind.KEYWORD) {
                return assignedColumns;
            } else if (expectColumn && q.isName(t)) {
                assignedColumns.add(q.name(t));
            }
            expectColumn = false;
        }
        return assignedColumns;
    }

    /**
     * The VALUES of an INSERT inside the query (a CTE's): one row pins its distributed
     * table to the row's shard, as an equality on the distribution column would.
     */
    private void nestedValuesPin(int start, int level) {
        Reference r = references.isEmpty() ? null : references.get(references.size() - 1);
        if (r == null || !r.insertTarget() || r.level() != level || r.table().reference()
                || nestedInsertColumns == null || !q.is(start, "(") || q.is(q.closing(start) + 1, ",")) {
            return;
        }
        int position = nestedInsertColumns.indexOf(r.table().distributionColumn());
        List<int[]> values = split(start + 1, q.closing(start), ",");
        Operand v = position < 0 || position >= values.size() ? null : operand(values.get(position), level);
        if (v != null && v.value() != null) {
            equalities.add(new Equality(new Operand(level, r.refName(), r.table().distributionColumn(), null), v,
                    false));
        }
    }

    /** Whether the query writes a reference table, at any level: every copy must be written. */
    boolean writesReferenceTable() {
        for (Reference r : references) {
            if (r.written() && r.table().reference()) {
                return true;
            }
        }
        return false;
    }

    /** VALUES (..), (..): the rows, and the distribution column's value in each. */
    private void valuesRows(int start) {
        if (target < 0 || references.get(target).table().reference()) {
            return;
        }
        String key = references.get(target).table().distributionColumn();
        int position = insertColumns == null ? -1 : insertColumns.indexOf(key);
        if (position < 0) {
            insertProblem = "cannot perform an INSERT without a partition column value";
            return;
        }
        List<int[]> rows = new ArrayList<>();
        List<Value> keys = new ArrayList<>();
        int t = start;
        while (q.is(t, "(")) {
            int close = q.closing(t);
            List<int[]> values = split(t + 1, close, ",");
            Operand o = position < values.size() ? operand(values.get(position), 0) : null;
            if (o == null || o.value() == null) {
                insertProblem = "cannot perform an INSERT with a non-constant partition column value";
                return;
            }
            rows.add(new int[] {t, close});
            keys.add(o.value());
            for (int[] element : values) {
                Operand v = operand(element, 0);
                if (v != null && v.value() != null && v.value() != Value.NULL) {
                    insertValues.add(v.value());
                }
            }
            t = close + 1;
            if (!q.is(t, ",")) {
                break;
            }
            t++;
        }
        if (!rows.isEmpty()) {
            insert = new InsertRows(rows.get(0)[0], rows.get(rows.size() - 1)[1], rows, keys);
        }
    }
}
