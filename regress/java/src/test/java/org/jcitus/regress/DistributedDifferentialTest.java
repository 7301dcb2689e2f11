/*
 * DistributedDifferentialTest.java — the same statements on plain tables and on distributed and reference tables give the same results.
 */
package org.jcitus.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * Against the cluster the tests run on (coordinator at -Djcitus.test.port): a seeded
 * random sequence of statements (point lookups, joins, DML with RETURNING, upserts, COPY,
 * multi-shard writes, JDBC batches, transactions that commit or roll back or return to
 * savepoints, prepared statements) runs
 * once on plain tables and once on a distributed table, a colocated one and a reference
 * table. Every statement must give the same rows (or count, or SQLSTATE), and the tables
 * must end with the same data, every copy of the reference table alike.
 */
class DistributedDifferentialTest {
    private static final int PORT = Integer.getInteger("jcitus.test.port", 58636);
    private static final int STATEMENTS = 400;
    private static final int KEYS = 60;

    private static Connection plain;
    private static Connection distributed;

    /** A statement's result, comparable across the two runs. */
    private record Outcome(String kind, List<String> rows) {
    }

    @BeforeAll
    static void setUp() throws SQLException {
        plain = connect();
        distributed = connect();
        try (Statement s = distributed.createStatement()) {
            registerNodes(s);
            for (String prefix : new String[] {"diff_plain", "diff_dist"}) {
                s.execute("DROP TABLE IF EXISTS " + prefix + "_items, " + prefix + "_notes, " + prefix + "_kinds");
                s.execute("CREATE TABLE " + prefix + "_items (id bigint PRIMARY KEY, kind int NOT NULL,"
                        + " label text, amount numeric(10,2) DEFAULT 0, tags text[])");
                s.execute("CREATE TABLE " + prefix + "_notes (id bigint, seq int, note text, PRIMARY KEY (id, seq))");
                s.execute("CREATE TABLE " + prefix + "_kinds (kind int PRIMARY KEY, name text)");
                s.execute("INSERT INTO " + prefix + "_kinds SELECT k, 'kind ' || k FROM generate_series(0, 9) k");
                s.execute("INSERT INTO " + prefix + "_items SELECT i, i % 10, 'item ' || i, i * 1.5,"
                        + " ARRAY['t' || (i % 3)] FROM generate_series(1, " + KEYS / 2 + ") i");
            }
            s.execute("SELECT create_distributed_table('diff_dist_items', 'id', shard_count := 8)");
            s.execute("SELECT create_distributed_table('diff_dist_notes', 'id', colocate_with := 'diff_dist_items')");
            s.execute("SELECT create_reference_table('diff_dist_kinds')");
        }
    }

    @AfterAll
    static void tearDown() throws SQLException {
        // a failed assertion can leave a transaction open, whose locks the drops would wait for
        for (Connection c : new Connection[] {plain, distributed}) {
            if (!c.getAutoCommit()) {
                endTransaction(c, false);
            }
        }
        try (Statement s = distributed.createStatement()) {
            for (String prefix : new String[] {"diff_plain", "diff_dist"}) {
                s.execute("DROP TABLE IF EXISTS " + prefix + "_items, " + prefix + "_notes, " + prefix + "_kinds");
            }
        }
        plain.close();
        distributed.close();
    }

    @Test
    void statementsGiveTheSameResultsAndLeaveTheSameData() throws Exception {
        Random random = new Random(20261201);
        int compared = 0;
        int failedAlike = 0;
        boolean inTransaction = false;
        boolean savepoint = false;
        for (int n = 0; n < STATEMENTS; n++) {
            if (!inTransaction && random.nextInt(12) == 0) {
                plain.setAutoCommit(false);
                distributed.setAutoCommit(false);
                inTransaction = true;
            } else if (inTransaction && random.nextInt(5) == 0) {
                boolean commit = random.nextBoolean();
                endTransaction(plain, commit);
                endTransaction(distributed, commit);
                inTransaction = false;
                savepoint = false;
            }
            boolean savepointCommand = inTransaction && random.nextInt(5) == 0;
            String template = savepointCommand ? savepointCommand(random, savepoint) : statement(random);
            Outcome expected = run(plain, template, "diff_plain");
            Outcome actual = run(distributed, template, "diff_dist");
            assertEquals(expected, actual, "statement " + n + ": " + template);
            compared++;
            failedAlike += expected.kind().startsWith("error") ? 1 : 0;
            if (savepointCommand && !expected.kind().startsWith("error")) {
                savepoint = !template.startsWith("RELEASE");
            }
            if (inTransaction && expected.kind().startsWith("error") && random.nextBoolean()) {
                // as an application would; the other half go on, and their statements fail alike
                endTransaction(plain, false);
                endTransaction(distributed, false);
                inTransaction = false;
                savepoint = false;
            }
        }
        if (inTransaction) {
            endTransaction(plain, true);
            endTransaction(distributed, true);
        }
        compared += preparedLookups(random);
        assertTrue(compared >= 200, "statements compared: " + compared);
        assertTrue(failedAlike < compared / 4, "too many statements failed (alike): " + failedAlike);
        for (String table : new String[] {"items", "notes", "kinds"}) {
            assertEquals(run(plain, "SELECT * FROM {p}_" + table, "diff_plain"),
                    run(distributed, "SELECT * FROM {p}_" + table, "diff_dist"), "contents of " + table);
        }
        assertEquals(List.of("1"), run(distributed, "SELECT count(DISTINCT result) FROM run_command_on_placements("
                + "'diff_dist_kinds', 'SELECT md5(string_agg(k::text, '','' ORDER BY kind)) FROM %s k')", "").rows(),
                "every copy of the reference table holds the same rows");
    }

    /** pgjdbc prepares a statement on the server from its fifth use: later ones run the generic plan. */
    private static int preparedLookups(Random random) throws SQLException {
        int compared = 0;
        try (PreparedStatement p = plain.prepareStatement("SELECT id, label, amount FROM diff_plain_items WHERE id = ?");
             PreparedStatement d = distributed.prepareStatement(
                     "SELECT id, label, amount FROM diff_dist_items WHERE id = ?")) {
            for (int i = 0; i < 20; i++) {
                long key = 1 + random.nextInt(KEYS);
                p.setLong(1, key);
                d.setLong(1, key);
                assertEquals(rows(p.executeQuery()), rows(d.executeQuery()), "prepared lookup of " + key);
                compared++;
            }
        }
        return compared;
    }

    /**
     * In a transaction: a savepoint, or back to it (which also ends an aborted state),
     * or its release. Work after it must be undone on every node it reached.
     */
    private static String savepointCommand(Random r, boolean savepoint) {
        int choice = r.nextInt(5);
        if (!savepoint || choice == 0) {
            return "SAVEPOINT sp";
        }
        return choice == 1 ? "RELEASE SAVEPOINT sp" : "ROLLBACK TO SAVEPOINT sp";
    }

    /** A random statement; {p} stands for the table name prefix. */
    private static String statement(Random r) {
        int key = 1 + r.nextInt(KEYS);
        int kind = r.nextInt(10);
        switch (r.nextInt(23)) {
            case 0:
            case 1:
                return "SELECT id, kind, label, amount, tags FROM {p}_items WHERE id = " + key;
            case 2:
                return "SELECT id, label FROM {p}_items WHERE id = " + key + " AND kind >= " + kind;
            case 3:
                return "SELECT i.id, n.seq, n.note FROM {p}_items i JOIN {p}_notes n ON n.id = i.id WHERE i.id = " + key
                        + " ORDER BY n.seq";
            case 4:
                return "SELECT i.id, k.name, i.amount FROM {p}_items i JOIN {p}_kinds k ON k.kind = i.kind WHERE i.id = "
                        + key;
            case 5:
                return "INSERT INTO {p}_items VALUES (" + key + ", " + kind + ", 'new " + key + "', " + r.nextInt(100)
                        + ".25, ARRAY['n']) RETURNING id, kind, label, amount";
            case 6:
                // the second row's key and label are computed on the coordinator
                return "INSERT INTO {p}_items (id, kind, label) VALUES (" + key + ", " + kind + ", 'a'), (abs(-"
                        + (KEYS + r.nextInt(KEYS)) + "), " + kind + ", lower('B')) RETURNING id, label, amount";
            case 7:
                return "UPDATE {p}_items SET amount = amount + 1, label = label || '+' WHERE id = " + key
                        + " RETURNING id, amount, label";
            case 8:
                return "DELETE FROM {p}_items WHERE id = " + key + " RETURNING id, kind";
            case 9:
                return "UPDATE {p}_items SET kind = (kind + 1) % 10 WHERE kind = " + kind;
            case 10:
                return "INSERT INTO {p}_items VALUES (" + key + ", " + kind + ", 'upsert') ON CONFLICT (id) DO UPDATE"
                        + " SET label = excluded.label || ' ' || {p}_items.kind, amount = {p}_items.amount * 2"
                        + " RETURNING id, kind, label, amount";
            case 11:
                return "INSERT INTO {p}_items VALUES (" + key + ", " + kind + ", 'keep') ON CONFLICT DO NOTHING"
                        + " RETURNING id";
            case 12:
                return "INSERT INTO {p}_notes VALUES (" + key + ", " + r.nextInt(5) + ", 'note') ON CONFLICT (id, seq)"
                        + " DO UPDATE SET note = {p}_notes.note || '!' RETURNING id, seq, note";
            case 13:
                return r.nextBoolean() ? "UPDATE {p}_kinds SET name = name || '*' WHERE kind = " + kind + " RETURNING *"
                        : "INSERT INTO {p}_kinds VALUES (" + (10 + r.nextInt(5)) + ", 'extra') ON CONFLICT DO NOTHING";
            case 14:
                return "COPY {p}_items (id, kind, label) FROM STDIN|" + key + "\t" + kind + "\tcopied\n"
                        + (KEYS + 100 + r.nextInt(1000)) + "\t" + kind + "\tcopied too\n";
            case 15:
                // one transaction until the driver's Sync: when the last key is taken, the
                // rows of the others must not stay either
                // (the key is computed from the parameter on the coordinator, for each entry)
                return "BATCH INSERT INTO {p}_items (id, kind, label) VALUES (abs(?), " + kind + ", 'batched')|"
                        + (3 * KEYS + r.nextInt(3 * KEYS)) + "|" + (3 * KEYS + r.nextInt(3 * KEYS)) + "|" + key;
            case 17:
                // a value in an outer join's ON clause filters the joined rows only, not i's;
                // a join USING the distribution column pins both tables
                return r.nextBoolean()
                        ? "SELECT i.id, n.seq, n.note FROM {p}_items i LEFT JOIN {p}_notes n ON n.id = i.id AND n.id = "
                                + (1 + r.nextInt(KEYS)) + " WHERE i.id = " + key
                        : "SELECT id, label, seq FROM {p}_items " + (r.nextBoolean() ? "LEFT " : "")
                                + "JOIN {p}_notes USING (id) WHERE id = " + key;
            case 18:
                // a subquery's conditions say nothing of the outer rows
                return r.nextBoolean()
                        ? "SELECT i.id FROM {p}_items i WHERE i.id = " + key + " AND NOT EXISTS (SELECT 1 FROM {p}_notes n"
                                + " WHERE n.id = i.id AND n.id = " + (1 + r.nextInt(KEYS)) + ")"
                        : "SELECT i.id, (SELECT count(*) FROM {p}_notes n WHERE n.id = i.id AND n.id = "
                                + (1 + r.nextInt(KEYS)) + ") AS notes FROM {p}_items i WHERE i.id = " + key;
            case 19:
                // a data-modifying CTE writes every copy of a reference table
                return "WITH u AS (UPDATE {p}_kinds SET name = name || '~' WHERE kind = " + kind
                        + " RETURNING kind, name) SELECT * FROM u";
            case 20:
                return "WITH ins AS (INSERT INTO {p}_items (id, kind, label) VALUES (" + key + ", " + kind
                        + ", 'cte') ON CONFLICT (id) DO UPDATE SET label = excluded.label RETURNING id, label)"
                        + " SELECT * FROM ins";
            case 21:
                // INSERT .. SELECT: from generate_series (run on the coordinator), from a
                // reference table (through the coordinator too), from a colocated table
                // (pushed down to each shard group, also when it groups by the key)
                switch (r.nextInt(4)) {
                    case 0:
                        return "INSERT INTO {p}_items (id, kind, label) SELECT g, " + kind + ", 'series ' || g FROM"
                                + " generate_series(" + key + ", " + (key + 2) + ") g ON CONFLICT (id) DO UPDATE"
                                + " SET label = excluded.label RETURNING id, kind, label";
                    case 1:
                        return "INSERT INTO {p}_items (id, kind, label) SELECT kind + " + key + ", kind, name FROM"
                                + " {p}_kinds WHERE kind < 3 ON CONFLICT (id) DO UPDATE SET label = excluded.label";
                    case 2:
                        return "INSERT INTO {p}_notes (id, seq, note) SELECT id, 10 + kind, label FROM {p}_items"
                                + " WHERE kind = " + kind + " ON CONFLICT (id, seq) DO UPDATE SET note = excluded.note"
                                + " || '+'";
                    default:
                        return "INSERT INTO {p}_notes (id, seq, note) SELECT i.id, 99, count(*) || ' ' || max(k.name)"
                                + " FROM {p}_items i, {p}_kinds k WHERE k.kind = i.kind AND i.kind >= " + kind
                                + " GROUP BY i.id ON CONFLICT (id, seq) DO UPDATE SET note = excluded.note";
                }
            default:
                return "SELECT id, label FROM {p}_items WHERE kind = " + kind + " AND amount > " + r.nextInt(50);
        }
    }

    private static Outcome run(Connection c, String template, String prefix) throws SQLException {
        String sql = template.replace("{p}", prefix);
        try (Statement s = c.createStatement()) {
            if (sql.startsWith("COPY ")) {
                int bar = sql.indexOf('|');
                long copied = c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn(sql.substring(0, bar), new StringReader(sql.substring(bar + 1)));
                return new Outcome("copied " + copied, List.of());
            }
            if (sql.startsWith("BATCH ")) {
                return batch(c, sql.substring("BATCH ".length()));
            }
            if (s.execute(sql)) {
                return new Outcome("rows", rows(s.getResultSet()));
            }
            return new Outcome("count " + s.getUpdateCount(), List.of());
        } catch (SQLException e) {
            return new Outcome("error " + e.getSQLState(), List.of());
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
    }

    /** "statement|key|key...": the statement once per key, as one JDBC batch. */
    private static Outcome batch(Connection c, String spec) throws SQLException {
        String[] parts = spec.split("\\|");
        try (PreparedStatement p = c.prepareStatement(parts[0])) {
            for (int i = 1; i < parts.length; i++) {
                p.setLong(1, Long.parseLong(parts[i]));
                p.addBatch();
            }
            return new Outcome("batch " + Arrays.toString(p.executeBatch()), List.of());
        }
    }

    /** The rows as text, sorted: rows of several shards come in no particular order. */
    private static List<String> rows(ResultSet rs) throws SQLException {
        List<String> rows = new ArrayList<>();
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            StringBuilder b = new StringBuilder();
            for (int i = 1; i <= columns; i++) {
                b.append(i > 1 ? "|" : "").append(rs.getString(i));
            }
            rows.add(b.toString());
        }
        rs.close();
        Collections.sort(rows);
        return rows;
    }

    private static void endTransaction(Connection c, boolean commit) throws SQLException {
        if (commit) {
            c.commit();
        } else {
            c.rollback();
        }
        c.setAutoCommit(true);
    }

    private static Connection connect() throws SQLException {
        return connect(PORT);
    }

    /** A connection to the test cluster's node on the port, as postgres, to the regression database. */
    static Connection connect(int port) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/regression", p);
    }

    /** The suites leave the cluster registered; on their own, the tests register it. */
    static void registerNodes(Statement s) throws SQLException {
        s.execute("SELECT citus_set_coordinator_host('127.0.0.1', " + PORT + ")"
                + " WHERE NOT EXISTS (SELECT 1 FROM pg_dist_node WHERE groupid = 0)");
        for (int worker = PORT + 1; worker <= PORT + 2; worker++) {
            s.execute("SELECT citus_add_node('127.0.0.1', " + worker + ")"
                    + " WHERE NOT EXISTS (SELECT 1 FROM pg_dist_node WHERE nodeport = " + worker + ")");
        }
    }
}
