/*
 * NodeConnections.java — the one way jcitus reaches other nodes: a pgjdbc connection per node per transaction.
 */
package org.jcitus.connection;

import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

import org.jcitus.metadata.LocalSql;
import org.jcitus.pljvm.QueryPlanning;
import org.jcitus.pljvm.SqlError;
import org.jcitus.pljvm.TransactionListener;
import org.jcitus.pljvm.Transactions;
import org.postgresql.PGConnection;

/**
 * Connections to other nodes. Within a local transaction, all work on one node goes
 * through one connection and one remote transaction, so the transaction sees its own
 * writes there; the remote transactions commit just before the local one does and roll
 * back when it aborts. Between transactions, one idle connection per node stays open
 * for the session (Citus's max_cached_conns_per_worker of 1).
 *
 * <p>Remote transactions commit one after the other, without two-phase commit: a node
 * that fails after another committed leaves them apart. Two-phase commit will close that.
 *
 * <p>Savepoints are mirrored lazily, as Citus does: before a remote transaction works
 * inside subtransactions (SAVEPOINT, a PL/pgSQL exception block), it makes a savepoint
 * for each it has not made yet, and a subtransaction that rolls back rolls the remote
 * transactions that have its savepoint back to it. When that fails (the node is gone),
 * their work may include what the savepoint undid locally, so the transaction can no
 * longer commit; it must roll back, which undoes everything everywhere.
 *
 * <p>A connection logs in as the role the backend runs as when it is made (current_user,
 * as SET ROLE or a SECURITY DEFINER function leave it), so that the node checks that
 * role's privileges and row security. An idle connection of another role is replaced. A
 * transaction keeps its connection to a node whatever role it switches to: a second
 * connection could not see what the first wrote (Citus keys connections by role and
 * refuses some such switches instead).
 *
 * <p>A node that stops answering (a hung server, a lost network) must not hold a
 * transaction's end forever: COMMIT, ROLLBACK and ROLLBACK TO SAVEPOINT wait for a node at
 * most citus.node_connection_timeout (as last read, when the session last connected: an
 * aborting transaction cannot read settings), and then close its connection, which ends
 * the remote transaction there. A COMMIT that went out may still take effect on the node.
 *
 * <p>Connections are made by the backend thread; other threads may use one they are
 * handed, one thread per connection at a time.
 */
public final class NodeConnections {
    /** What Citus calls its internal connections; other nodes can tell them apart by it. */
    public static final String APPLICATION_NAME = "citus_internal";
    /**
     * Before it, in application_name, the global pid of the session a connection works for
     * (as in Citus): the node id of its node times 10^10 plus its backend's pid, so that
     * a node's lock waits can be traced to sessions on other nodes.
     */
    public static final String GLOBAL_PID_PREFIX = APPLICATION_NAME + " gpid=";
    /** The node id of this node in pg_dist_node, or Citus's stand-in for a node not in it. */
    public static final String LOCAL_NODE_ID_SQL = "coalesce((SELECT n.nodeid FROM pg_catalog.pg_dist_node n"
            + " JOIN pg_catalog.pg_dist_local_group l USING (groupid) WHERE n.noderole = 'primary' LIMIT 1),"
            + " 99999999)";
    /** Global pids are node ids in this unit, plus a pid. */
    public static final long NODE_ID_UNIT = 10_000_000_000L;
    private static final int DEFAULT_CONNECT_TIMEOUT_MS = 30000;
    private static final int VALIDATION_TIMEOUT_SECONDS = 5;

    /**
     * An idle connection is checked (a round trip) before a transaction uses it; before a
     * single statement, only if it idled this long: one used a moment ago is most likely
     * alive, and a check per statement would double the cost of the shortest ones.
     */
    private static final long CHECK_AFTER_IDLE_NANOS = 2_000_000_000L;

    /**
     * The driver, made on first connect: its class initialises java.util.logging and more
     * (~30 ms in a new backend), which a COPY's connections then do on their own threads
     * while the backend reads rows, rather than before.
     */
    private static final class Driver {
        static final org.postgresql.Driver INSTANCE = new org.postgresql.Driver();
    }
    /**
     * Per node, the connection kept between transactions. It stays in the map while a
     * single statement borrows it (taken): a statement then costs no map updates.
     */
    private static final Map<NodeAddress, Idle> IDLE = new HashMap<>();
    private static final Map<NodeAddress, Connection> IN_TRANSACTION = new LinkedHashMap<>();
    /** Prepared statements kept per connection, as many as pgjdbc caches queries by default. */
    private static final int KEPT_STATEMENTS = 256;
    private static final Map<Connection, Map<String, PreparedStatement>> STATEMENTS = new IdentityHashMap<>();
    /** The role (OID) each open connection logged in as. */
    private static final Map<Connection, Long> ROLES = new IdentityHashMap<>();
    /**
     * The savepoints made on each connection of the transaction, outermost first: ids of
     * local subtransactions. Those of subtransactions released since stay (on the node and
     * here) until the next savepoint made there releases them in the same round trip: the
     * node's nesting stays as deep as the local one, however many PL/pgSQL exception
     * blocks a loop enters.
     */
    private static final Map<Connection, List<Integer>> SAVEPOINTS = new IdentityHashMap<>();
    private static boolean listening;
    /** How long the end of a remote transaction waits for its node: citus.node_connection_timeout, as last read. */
    private static int endTimeoutMillis = DEFAULT_CONNECT_TIMEOUT_MS;
    /** pgjdbc's network timeout asks for an executor, which it does not use. */
    private static final Executor UNUSED_EXECUTOR = new Executor() {
        @Override
        public void execute(Runnable command) {
            command.run();
        }
    };
    /** See {@link #loginUser()}. */
    private static String loginUser = "";
    /** A remote transaction could not roll back to the savepoint of a subtransaction that rolled back. */
    private static boolean remoteWorkOutlivedRollback;

    private NodeConnections() {
    }

    /**
     * The connection to a node for the current transaction, with a remote transaction
     * open on it. Connects on first use; fails with an 08001 error naming the node.
     */
    public static Connection forTransaction(NodeAddress node) throws SQLException {
        Connection c = IN_TRANSACTION.get(node);
        if (c == null) {
            c = takeIdle(node, 0);
            c.setAutoCommit(false);
            listenToTransactions();
            IN_TRANSACTION.put(node, c);
            RemoteCommandLog.issuing(node, begin(isolation()));
            isolateAsHere(node, c, isolation());
        }
        readAsHere(node, c, readingSettings());
        makeSavepoints(node, c, Transactions.openSubtransactions());
        return c;
    }

    /**
     * The remote transaction's isolation, when not READ COMMITTED: a REPEATABLE READ
     * transaction reads every node from one snapshot of that node, as it reads here.
     * Null for READ COMMITTED.
     */
    private static String isolation() {
        int level = Transactions.isolationLevel();
        return level == Transactions.SERIALIZABLE ? "SERIALIZABLE"
                : level == Transactions.REPEATABLE_READ ? "REPEATABLE READ" : null;
    }

    /** The remote transaction's start as the node sees it (pgjdbc's BEGIN, then the isolation level if any). */
    private static String begin(String isolation) {
        return isolation == null ? "BEGIN" : "BEGIN TRANSACTION ISOLATION LEVEL " + isolation;
    }

    /** Starts the connection's new remote transaction at the isolation level, if any (any thread). */
    private static void isolateAsHere(NodeAddress node, Connection c, String isolation) throws SQLException {
        if (isolation == null) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL " + isolation);
        } catch (SQLException e) {
            throw RemoteErrors.statementFailed(node, e);
        }
    }

    /** The settings' names, in the order of QueryPlanning.readingSettings. */
    private static final String[] READING_SETTINGS = {"DateStyle", "IntervalStyle", "TimeZone"};
    private static int readingGeneration = -1;
    private static String[] readingSettings;

    /** This session's reading settings, asked of the runtime only when they changed. */
    private static String[] readingSettings() {
        int generation = QueryPlanning.readingSettingsGeneration();
        if (generation != readingGeneration) {
            readingSettings = QueryPlanning.readingSettings();
            readingGeneration = generation;
        }
        return readingSettings;
    }

    /**
     * Makes the node's session read text as this one does (a date's field order,
     * intervals, the time zone of a time without an offset): what jcitus sends is text
     * this session wrote or was given (COPY lines pass as they came). pgjdbc keeps the
     * node's values as the server reports them, rollbacks included, so a SET goes only
     * where one differs. Any thread (a COPY's sender): the settings come as an argument.
     */
    private static void readAsHere(NodeAddress node, Connection c, String[] settings) throws SQLException {
        PGConnection session = c.unwrap(PGConnection.class);
        StringBuilder set = null;
        for (int i = 0; i < READING_SETTINGS.length; i++) {
            if (!settings[i].equals(session.getParameterStatus(READING_SETTINGS[i]))) {
                set = set == null ? new StringBuilder() : set;
                set.append("SET ").append(READING_SETTINGS[i]).append(" = '")
                        .append(settings[i].replace("'", "''")).append("';");
            }
        }
        if (set != null) {
            try (Statement s = c.createStatement()) {
                s.execute(set.toString());
            } catch (SQLException e) {
                throw RemoteErrors.statementFailed(node, e);
            }
        }
    }

    /**
     * Makes on the transaction's connection the savepoints of the open subtransactions it
     * does not have yet, so that work it does next rolls back with them.
     */
    private static void makeSavepoints(NodeAddress node, Connection c, int[] open) throws SQLException {
        List<Integer> made = SAVEPOINTS.get(c);
        if (made == null) {
            if (open.length == 0) {
                return;
            }
            made = new ArrayList<>();
            SAVEPOINTS.put(c, made);
        }
        int kept = 0;
        while (kept < made.size() && kept < open.length && made.get(kept) == open[kept]) {
            kept++;
        }
        if (kept == open.length) {
            return;
        }
        String released = kept < made.size() ? "RELEASE SAVEPOINT " + savepointName(made.get(kept)) + ";" : "";
        String commands = released + savepointCommands(open, kept);
        RemoteCommandLog.issuing(node, commands);
        try (Statement s = c.createStatement()) {
            s.execute(commands);
        } catch (SQLException e) {
            throw RemoteErrors.statementFailed(node, e);
        }
        made.subList(kept, made.size()).clear();
        addFrom(made, open, kept);
    }

    private static void addFrom(List<Integer> made, int[] subtransactions, int from) {
        for (int i = from; i < subtransactions.length; i++) {
            made.add(subtransactions[i]);
        }
    }

    /** SAVEPOINT commands for the subtransactions from the given one on, in one text. */
    private static String savepointCommands(int[] subtransactions, int from) {
        StringBuilder sql = new StringBuilder();
        for (int i = from; i < subtransactions.length; i++) {
            sql.append("SAVEPOINT ").append(savepointName(subtransactions[i])).append(';');
        }
        return sql.toString();
    }

    private static String savepointName(int subtransaction) {
        return "jcitus_savepoint_" + Integer.toUnsignedString(subtransaction);
    }

    /**
     * A connection to a node for the current transaction, which another thread may make
     * (see {@link Opening}): the transaction's own or its idle one if there is one (then
     * ready at once), otherwise one to be made by {@link Opening#connect}.
     */
    public static Opening opening(NodeAddress node) throws SQLException {
        Idle idle = IDLE.get(node);
        if (IN_TRANSACTION.containsKey(node) || (idle != null && !idle.taken && ofCurrentRole(idle.connection))) {
            return new Opening(node, forTransaction(node), null, null, null, null, null, 0);
        }
        Object[] identity = identity();
        int[] subtransactions = Transactions.openSubtransactions();
        RemoteCommandLog.issuing(node, begin(isolation()));
        if (subtransactions.length > 0) {
            RemoteCommandLog.issuing(node, savepointCommands(subtransactions, 0));
        }
        return new Opening(node, null, url(node, (String) identity[1]), driverProperties(identity),
                subtransactions, readingSettings(), isolation(), Transactions.currentUser());
    }

    /**
     * A node's connection for the transaction in the making. {@link #connect} may run on
     * any thread (a COPY's sender, so that the backend goes on reading rows meanwhile; a
     * cold connection takes ~100 ms); {@link #join} and {@link #discard} run on the backend
     * thread, once connect has returned: a connection it made joins the transaction (and
     * commits or rolls back with it) only when joined.
     */
    public static final class Opening {
        private final NodeAddress node;
        private final Connection ready;
        private final String url;
        private final Properties properties;
        /** the subtransactions open when the opening was asked for: a new connection makes their savepoints */
        private final int[] subtransactions;
        /** this session's reading settings, for a new connection to take */
        private final String[] settings;
        /** the transaction's isolation level if not READ COMMITTED, for the new remote transaction */
        private final String isolation;
        /** the role the new connection logs in as */
        private final long role;

        private Opening(NodeAddress node, Connection ready, String url, Properties properties, int[] subtransactions,
                        String[] settings, String isolation, long role) {
            this.node = node;
            this.ready = ready;
            this.url = url;
            this.properties = properties;
            this.subtransactions = subtransactions;
            this.settings = settings;
            this.isolation = isolation;
            this.role = role;
        }

        /**
         * The connection, in a transaction (autocommit off) with the open subtransactions'
         * savepoints; fails with an 08001 error naming the node.
         */
        public Connection connect() throws SQLException {
            if (ready != null) {
                return ready;
            }
            Connection c = open(node, url, properties);
            try {
                readAsHere(node, c, settings);
                c.setAutoCommit(false);
                isolateAsHere(node, c, isolation);
                if (subtransactions.length > 0) {
                    try (Statement s = c.createStatement()) {
                        s.execute(savepointCommands(subtransactions, 0));
                    }
                }
            } catch (SQLException | RuntimeException e) {
                c.close();  // not close(c): this may be another thread, and the maps are the backend's
                throw e;
            }
            return c;
        }

        /** The connection did work for the transaction: it commits or rolls back with it. */
        public void join(Connection c) {
            if (c != ready) {
                ROLES.put(c, role);
                listenToTransactions();
                IN_TRANSACTION.put(node, c);
                if (subtransactions.length > 0) {
                    List<Integer> made = new ArrayList<>();
                    addFrom(made, subtransactions, 0);
                    SAVEPOINTS.put(c, made);
                }
            }
        }

        /** The connection did nothing: kept for later statements. */
        public void unused(Connection c) {
            if (c != ready) {
                ROLES.put(c, role);
                keepIdle(node, c);
            }
        }

        /** The work failed: a connection made for it is closed, which rolls its work back. */
        public void discard(Connection c) {
            if (c != ready) {
                close(c);
            }
        }
    }

    /**
     * A connection for a statement that is its transaction's only one and works on this
     * node alone: it runs in autocommit, without a remote transaction to commit. Hand it
     * back with {@link #release}. Within a transaction that already works on the node,
     * the transaction's connection.
     */
    public static Connection forSingleStatement(NodeAddress node) throws SQLException {
        Connection c = IN_TRANSACTION.get(node);
        if (c != null) {
            readAsHere(node, c, readingSettings());
            return c;
        }
        c = takeIdle(node, CHECK_AFTER_IDLE_NANOS);
        c.setAutoCommit(true);
        readAsHere(node, c, readingSettings());
        return c;
    }

    /**
     * Hands back a connection from {@link #forSingleStatement}; a broken one (or any, when
     * the caller says it is) is closed.
     */
    public static void release(NodeAddress node, Connection c, boolean broken) {
        if (IN_TRANSACTION.get(node) == c) {
            return;
        }
        if (broken) {
            close(c);
            return;
        }
        try {
            if (c.isClosed()) {
                close(c);   // forgets its statements
                return;
            }
        } catch (SQLException e) {
            close(c);
            return;
        }
        keepIdle(node, c);
    }

    /**
     * The connection's prepared statement for the text, kept open while the connection is
     * (the least recently used beyond {@value #KEPT_STATEMENTS} are closed): a statement
     * that runs again costs neither a new statement object nor a lookup in pgjdbc's cache.
     * For connections from {@link #forTransaction} and {@link #forSingleStatement} only.
     */
    public static PreparedStatement prepared(Connection c, String sql) throws SQLException {
        Map<String, PreparedStatement> kept = STATEMENTS.get(c);
        if (kept == null) {
            kept = new KeptStatements();
            STATEMENTS.put(c, kept);
        }
        PreparedStatement statement = kept.get(sql);
        if (statement == null) {
            statement = c.prepareStatement(sql);
            kept.put(sql, statement);
        }
        return statement;
    }

    /** A connection's prepared statements, least recently used first. */
    private static final class KeptStatements extends LinkedHashMap<String, PreparedStatement> {
        private static final long serialVersionUID = 1L;

        KeptStatements() {
            super(16, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= KEPT_STATEMENTS) {
                return false;
            }
            try {
                eldest.getValue().close();
            } catch (SQLException e) {
                // a broken connection: it is closed with its statements when found
            }
            return true;
        }
    }

    /** The node's idle connection, checked if it idled longer than given, or a new one. */
    private static Connection takeIdle(NodeAddress node, long checkAfterNanos) throws SQLException {
        Idle idle = IDLE.get(node);
        if (idle == null || idle.taken) {
            return connect(node);
        }
        if (!ofCurrentRole(idle.connection)) {
            close(idle.connection);     // made for another role (SET ROLE since)
            return connect(node);
        }
        // an idle connection may have outlived its server (a restart, a failover)
        if (System.nanoTime() - idle.since >= checkAfterNanos && !idle.connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
            close(idle.connection);
            return connect(node);
        }
        idle.taken = true;
        return idle.connection;
    }

    /**
     * A connection of its own to a node, outside any transaction, for the caller to close:
     * for checks that must see the node as it is, before anything is recorded.
     */
    public static Connection standalone(NodeAddress node) throws SQLException {
        return openAsCurrentRole(node);
    }

    /** Whether the current transaction has a remote transaction open on any node. */
    public static boolean anyInTransaction() {
        return !IN_TRANSACTION.isEmpty();
    }

    /** Nodes written in the current transaction. */
    public static List<NodeAddress> nodesInTransaction() {
        return new ArrayList<>(IN_TRANSACTION.keySet());
    }

    /** A new connection of this session's, as the current role. */
    private static Connection connect(NodeAddress node) throws SQLException {
        long role = Transactions.currentUser();
        Connection c = openAsCurrentRole(node);
        ROLES.put(c, role);
        return c;
    }

    private static Connection openAsCurrentRole(NodeAddress node) throws SQLException {
        Object[] identity = identity();
        return open(node, url(node, (String) identity[1]), driverProperties(identity));
    }

    /**
     * A connection (on any thread) as the given role, for the caller to close: for checks
     * that must see every session on the node, whoever runs the one that asks.
     */
    public static Connection forMonitoring(NodeAddress node, String user, String database, String applicationName)
            throws SQLException {
        Properties p = driverProperties(user, connectTimeoutSeconds(null));
        p.setProperty("ApplicationName", applicationName);
        return open(node, url(node, database), p);
    }

    /** Whether the connection logged in as the role the backend runs as now. */
    private static boolean ofCurrentRole(Connection c) {
        Long role = ROLES.get(c);
        return role != null && role == Transactions.currentUser();
    }

    /** A new connection (any thread); fails with an 08001 error naming the node. */
    private static Connection open(NodeAddress node, String url, Properties properties) throws SQLException {
        try {
            // the driver itself, not DriverManager, which would first load every driver there is
            return Driver.INSTANCE.connect(url, properties);
        } catch (SQLException e) {
            throw RemoteErrors.connectionFailed(node, e);
        }
    }

    /** Who connects, to which database, citus.node_connection_timeout, and for which session (its global pid). */
    private static Object[] identity() throws SQLException {
        Object[] identity = LocalSql.rows("SELECT current_user::text, current_database()::text,"
                + " current_setting('citus.node_connection_timeout', true), "
                + LOCAL_NODE_ID_SQL + "::bigint * " + NODE_ID_UNIT + " + pg_backend_pid()").get(0);
        loginUser = (String) identity[0];
        return identity;
    }

    /**
     * The role the latest connection made logged in as: every connection in use is of the
     * current role (a connection of another is not reused), and reading it here needs no
     * catalog access, which an aborting transaction cannot make.
     */
    static String loginUser() {
        return loginUser;
    }

    private static Properties driverProperties(Object[] identity) {
        endTimeoutMillis = connectTimeoutMillis((String) identity[2]);
        Properties p = driverProperties((String) identity[0], connectTimeoutSeconds((String) identity[2]));
        p.setProperty("ApplicationName", GLOBAL_PID_PREFIX + identity[3]);
        return p;
    }

    private static String url(NodeAddress node, String database) {
        return "jdbc:postgresql://" + node.host() + ":" + node.port() + "/" + database;
    }

    /** What every connection to a node tells pgjdbc (also what the install-time warm-up uses). */
    static Properties driverProperties(String user, int connectTimeoutSeconds) {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("ApplicationName", APPLICATION_NAME);
        // every node runs PostgreSQL 15 or later: the driver then puts application_name in
        // the startup packet, where it would otherwise set it with a query of its own (one
        // more round trip per connection)
        p.setProperty("assumeMinServerVersion", "15");
        p.setProperty("connectTimeout", Integer.toString(connectTimeoutSeconds));
        // what jcitus sends a node names shards, never a Citus table: the node's session
        // needs no planner, and so no JVM unless a statement calls Java itself
        p.setProperty("options", "-c pljvm.planner_init=");
        // rows come back as text, which is what the bridge hands PostgreSQL; binary
        // results would be decoded only to be printed again (through a calendar, per row
        // set, for getString)
        p.setProperty("binaryTransfer", "false");
        return p;
    }

    private static int connectTimeoutSeconds(String setting) {
        return Math.max(1, (connectTimeoutMillis(setting) + 999) / 1000);
    }

    /**
     * citus.node_connection_timeout in milliseconds: a number, in ms unless it ends in ms,
     * s or min (as Citus's setting takes it); the default when unset or unreadable.
     */
    static int connectTimeoutMillis(String setting) {
        if (setting == null || setting.isBlank()) {
            return DEFAULT_CONNECT_TIMEOUT_MS;
        }
        String v = setting.trim();
        int unit = 1;
        if (v.endsWith("ms")) {
            v = v.substring(0, v.length() - 2);
        } else if (v.endsWith("min")) {
            v = v.substring(0, v.length() - 3);
            unit = 60_000;
        } else if (v.endsWith("s")) {
            v = v.substring(0, v.length() - 1);
            unit = 1000;
        }
        try {
            long millis = Long.parseLong(v.trim()) * unit;
            return (int) Math.min(Integer.MAX_VALUE, Math.max(1, millis));
        } catch (NumberFormatException e) {
            return DEFAULT_CONNECT_TIMEOUT_MS;
        }
    }

    private static void listenToTransactions() {
        if (listening) {
            return;
        }
        Transactions.addListener(new TransactionListener() {
            @Override
            public void preCommit() throws SQLException {
                if (remoteWorkOutlivedRollback) {
                    remoteWorkOutlivedRollback = false;
                    rollbackAll();
                    throw new SqlError("25000", "cannot commit a transaction that rolled back to a savepoint after"
                            + " working on other nodes")
                            .withDetail("A node could not roll its work back to the savepoint.")
                            .withHint("Roll back the whole transaction and run it again.");
                }
                commitAll();
            }

            @Override
            public void prePrepare() throws SQLException {
                if (!IN_TRANSACTION.isEmpty()) {
                    throw new SqlError("0A000", "cannot prepare a transaction that worked on other nodes")
                            .withDetail("Two-phase commit across nodes is not supported yet: the work done on "
                                    + IN_TRANSACTION.keySet() + " could neither wait for COMMIT PREPARED nor be"
                                    + " undone by ROLLBACK PREPARED.")
                            .withHint("Commit or roll back the transaction instead.");
                }
            }

            @Override
            public void abort() {
                remoteWorkOutlivedRollback = false;
                rollbackAll();
            }

            @Override
            public void subtransactionAbort(int subtransaction) {
                rollBackToSavepoint(subtransaction);
            }
        });
        listening = true;
    }

    /**
     * Rolls the remote transactions that made the subtransaction's savepoint back to it;
     * the others did no work inside it. One that cannot be leaves the transaction unable
     * to commit.
     */
    private static void rollBackToSavepoint(int subtransaction) {
        for (Map.Entry<NodeAddress, Connection> open : IN_TRANSACTION.entrySet()) {
            Connection c = open.getValue();
            List<Integer> made = SAVEPOINTS.get(c);
            int at = made == null ? -1 : made.indexOf(subtransaction);
            if (at < 0) {
                continue;
            }
            made.subList(at, made.size()).clear();
            try (Statement s = c.createStatement()) {
                String command = "ROLLBACK TO SAVEPOINT " + savepointName(subtransaction);
                RemoteCommandLog.issuing(open.getKey(), command);
                limitWait(c);
                s.execute(command);
                unlimitWait(c);
            } catch (SQLException e) {
                remoteWorkOutlivedRollback = true;
            }
        }
    }

    private static void commitAll() throws SQLException {
        List<Map.Entry<NodeAddress, Connection>> open = new ArrayList<>(IN_TRANSACTION.entrySet());
        IN_TRANSACTION.clear();
        SAVEPOINTS.clear();
        for (int i = 0; i < open.size(); i++) {
            NodeAddress node = open.get(i).getKey();
            Connection c = open.get(i).getValue();
            try {
                RemoteCommandLog.issuing(node, "COMMIT");
                limitWait(c);
                c.commit();
                unlimitWait(c);
                keepIdle(node, c);
            } catch (SQLException e) {
                close(c);
                for (Map.Entry<NodeAddress, Connection> rest : open.subList(i + 1, open.size())) {
                    rollback(rest.getKey(), rest.getValue());
                }
                throw commitFailed(node, e, i > 0);
            }
        }
    }

    /**
     * The error of a node's failed COMMIT; the nodes after it have rolled back. A node that
     * refused to commit (a deferred constraint, a serialization failure) rolled its part
     * back: when it was the first, nothing committed anywhere, and its own error is the
     * transaction's, as on one server (a retry is safe). Otherwise an 08006 error names the
     * node and says what became of the other nodes' work.
     */
    private static SQLException commitFailed(NodeAddress node, SQLException e, boolean othersCommitted) {
        boolean noAnswer = timedOut(e);
        boolean refused = !noAnswer && RemoteErrors.isRaisedByNode(e);
        if (refused && !othersCommitted) {
            return RemoteErrors.raisedOn(node, e);
        }
        SqlError failed = new SqlError("08006", "could not commit the transaction on node " + node + ": "
                + (noAnswer ? "it did not answer within " + endTimeoutMillis + " ms" : RemoteErrors.nodeMessage(e)), e);
        if (noAnswer) {
            failed.withDetail("The node may still commit the transaction's work when it answers; the nodes"
                    + " after it rolled theirs back" + (othersCommitted ? ", the ones before it committed." : "."))
                    .withHint("The wait is citus.node_connection_timeout.");
        } else if (refused) {
            String nodeDetail = RemoteErrors.nodeDetail(e);
            failed.withDetail((nodeDetail != null ? nodeDetail + " " : "") + "The node and the nodes after it rolled"
                    + " their part of the transaction back; the ones before it committed theirs.");
        }
        return failed;
    }

    private static void rollbackAll() {
        for (Map.Entry<NodeAddress, Connection> e : IN_TRANSACTION.entrySet()) {
            rollback(e.getKey(), e.getValue());
        }
        IN_TRANSACTION.clear();
        SAVEPOINTS.clear();
    }

    private static void rollback(NodeAddress node, Connection c) {
        try {
            RemoteCommandLog.issuing(node, "ROLLBACK");
            limitWait(c);
            c.rollback();
            unlimitWait(c);
            keepIdle(node, c);
        } catch (SQLException e) {
            close(c);
        }
    }

    /**
     * The node's next answers are waited for at most endTimeoutMillis (the end of a remote
     * transaction): pgjdbc closes the connection when the wait runs out.
     */
    private static void limitWait(Connection c) throws SQLException {
        c.setNetworkTimeout(UNUSED_EXECUTOR, endTimeoutMillis);
    }

    /**
     * Statements wait as long as the node works (a cancel ends that), and a blocking read
     * with no timeout is one system call rather than two.
     */
    private static void unlimitWait(Connection c) throws SQLException {
        c.setNetworkTimeout(UNUSED_EXECUTOR, 0);
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Keeps the connection as the node's idle one; one kept before (and not in use) is closed. */
    private static void keepIdle(NodeAddress node, Connection c) {
        Idle idle = IDLE.get(node);
        if (idle != null && idle.connection == c) {
            idle.taken = false;
            idle.since = System.nanoTime();
            return;
        }
        IDLE.put(node, new Idle(c));
        if (idle != null && !idle.taken) {
            close(idle.connection);
        }
    }

    /** A node's kept connection. */
    private static final class Idle {
        final Connection connection;
        long since = System.nanoTime();
        /** borrowed by the statement running now */
        boolean taken;

        Idle(Connection connection) {
            this.connection = connection;
        }
    }

    private static void close(Connection c) {
        STATEMENTS.remove(c);
        ROLES.remove(c);
        for (Iterator<Idle> kept = IDLE.values().iterator(); kept.hasNext();) {
            if (kept.next().connection == c) {
                kept.remove();
            }
        }
        try {
            c.close();
        } catch (SQLException e) {
            // already broken: nothing more to release
        }
    }
}
