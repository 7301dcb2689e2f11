/*
 * ShardCopy.java — COPY FROM into a distributed or reference table: lines routed by hash and streamed to the shards, nodes in parallel.
 */
package org.jcitus.executor;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jcitus.connection.NodeAddress;
import org.jcitus.connection.NodeConnections;
import org.jcitus.connection.RemoteCommandLog;
import org.jcitus.connection.RemoteErrors;
import org.jcitus.metadata.LocalSql;
import org.jcitus.metadata.MetadataCache;
import org.jcitus.metadata.MetadataCache.CitusTable;
import org.jcitus.metadata.MetadataCache.ShardPlacements;
import org.jcitus.metadata.WorkerNode;
import org.jcitus.pljvm.Backend;
import org.jcitus.pljvm.Interrupts;
import org.jcitus.pljvm.QueryPlanning;
import org.jcitus.pljvm.SqlError;
import org.jcitus.sharding.HashFunction;
import org.jcitus.sharding.Hashing;
import org.jcitus.transaction.DistributedDeadlocks;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Each line (COPY text format, as the COPY bridge hands them) goes to the shard its
 * distribution column value hashes to; every copy of a reference table gets every line.
 * Lines gather per shard and go out in chunks of {@value #CHUNK_BYTES} bytes, each chunk
 * one {@code COPY shard FROM STDIN} on the node's connection of the transaction. Each node
 * has a thread of its own that sends its chunks in order, so the nodes load in parallel
 * while the backend goes on parsing; a node more than {@value #CHUNKS_AHEAD} chunks behind
 * holds the backend up. A shard on this node is copied locally, in the transaction.
 *
 * <p>An error names the input's line, as PostgreSQL's COPY does: a chunk keeps the row
 * number of each of its lines, so that a node's "COPY shard, line 12" (the chunk's twelfth
 * line) is told as "COPY table, line 300001".
 */
public final class ShardCopy implements QueryPlanning.CopyReceiver {
    private static final int CHUNK_BYTES = 512 * 1024;
    /** room for the line that takes a chunk past CHUNK_BYTES; longer lines grow a chunk's array */
    private static final int CHUNK_CAPACITY = CHUNK_BYTES + 64 * 1024;
    private static final int CHUNKS_AHEAD = 8;
    /** the start of a node's CONTEXT for an error in a COPY: the shard and the line of the chunk */
    private static final Pattern CHUNK_LINE = Pattern.compile("^COPY .+?, line (\\d+)");

    private final CitusTable table;
    private final String[] columns;
    private final String columnList;
    private final int keyField;
    private final int localGroup;
    /** the lines gathered for each shard, by shard index */
    private final Chunk[] pending;
    private final Map<NodeAddress, NodeStream> streams = new LinkedHashMap<>();
    /**
     * Chunk arrays whose every send is done, for the next chunks: a COPY allocates a few
     * dozen arrays rather than one per chunk (the garbage collector copying half-filled
     * chunks took a tenth of a large COPY's time).
     */
    private final ConcurrentLinkedQueue<byte[]> spare = new ConcurrentLinkedQueue<>();
    /** the same for the arrays of the chunks' row numbers */
    private final ConcurrentLinkedQueue<int[]> spareRowNumbers = new ConcurrentLinkedQueue<>();
    private long rows;
    /** the input line of row 0 (the first data line: 2 after a header); row r is line lineBase + r */
    private long lineBase;

    private ShardCopy(CitusTable table, String[] columns, String columnList, int keyField) throws SQLException {
        this.table = table;
        this.columns = columns;
        this.columnList = columnList;
        this.keyField = keyField;
        this.localGroup = MetadataCache.localGroup();
        this.pending = new Chunk[table.shards().size()];
        // every node with a placement gets its stream now: a connection still to be made
        // is made on the stream's thread while the backend reads the first rows
        try {
            for (ShardPlacements shard : table.shards()) {
                for (WorkerNode node : shard.nodes()) {
                    if (node.groupId() != localGroup && !streams.containsKey(node.address())) {
                        streams.put(node.address(),
                                new NodeStream(node.address(), NodeConnections.opening(node.address())));
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            abort();
            throw e;
        }
    }

    /**
     * A growing run of lines for one shard, and the row number (from 0, in the COPY's
     * input; modulo 2^32) of each; its arrays are handed over whole when sent.
     */
    private static final class Chunk {
        byte[] bytes;
        int length;
        int[] rowNumbers;
        int lines;

        Chunk(byte[] bytes, int[] rowNumbers) {
            this.bytes = bytes;
            this.rowNumbers = rowNumbers;
        }

        void append(byte[] from, int start, int n, long firstRow, int count) {
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
            }
            System.arraycopy(from, start, bytes, length, n);
            length += n;
            if (lines + count > rowNumbers.length) {
                rowNumbers = Arrays.copyOf(rowNumbers, Math.max(rowNumbers.length * 2, lines + count));
            }
            for (int i = 0; i < count; i++) {
                rowNumbers[lines++] = (int) (firstRow + i);
            }
        }
    }

    /** A COPY into the table of lines with these columns. */
    public static ShardCopy into(CitusTable table, String[] columns) throws SQLException {
        int keyField = -1;
        StringBuilder list = new StringBuilder("(");
        for (int i = 0; i < columns.length; i++) {
            list.append(i == 0 ? "" : ", ").append(LocalSql.quoteIdentifier(columns[i]));
            if (columns[i].equals(table.distributionColumn())) {
                keyField = i;
            }
        }
        if (!table.reference() && keyField < 0) {
            throw new SqlError("0A000", "cannot perform COPY without a partition column value");
        }
        return new ShardCopy(table, columns, list.append(')').toString(), keyField);
    }

    @Override
    public void rows(byte[] lines, int[] ends, int count, long firstLine) throws Exception {
        for (NodeStream s : streams.values()) {
            s.rethrowFailure();
        }
        if (rows == 0) {
            lineBase = firstLine;
        }
        if (table.reference()) {
            // every line goes to the one shard: the batch as it is
            gather(table.shards().get(0), lines, 0, ends[count - 1], rows, count);
        } else {
            int start = 0;
            for (int i = 0; i < count; i++) {
                int end = ends[i];
                gather(shardOf(lines, start, end - 1, rows + i), lines, start, end, rows + i, 1);
                start = end;
            }
        }
        rows += count;
    }

    /** Lines from start to end (count of them, from the row given) for the shard, sent once they make a chunk. */
    private void gather(ShardPlacements shard, byte[] lines, int start, int end, long firstRow, int count)
            throws Exception {
        Chunk chunk = pending[shard.index()];
        if (chunk == null) {
            chunk = new Chunk(chunkArray(), rowNumbersArray());
            pending[shard.index()] = chunk;
        }
        chunk.append(lines, start, end - start, firstRow, count);
        if (chunk.length >= CHUNK_BYTES) {
            send(shard, chunk);
        }
    }

    @Override
    public long finish() throws Exception {
        for (ShardPlacements shard : table.shards()) {
            Chunk chunk = pending[shard.index()];
            if (chunk != null && chunk.length > 0) {
                send(shard, chunk);
            }
        }
        try {
            for (NodeStream s : streams.values()) {
                s.awaitAll();
            }
        } catch (Exception e) {
            abort();
            throw e;
        }
        for (NodeStream s : streams.values()) {
            s.handOver();
        }
        return rows;
    }

    @Override
    public void abort() {
        for (NodeStream s : streams.values()) {
            s.stop();
            s.discard();
        }
    }

    /** The shard of the line from start to end (its newline), by its distribution column field. */
    private ShardPlacements shardOf(byte[] line, int start, int end, long row) throws SQLException {
        int field = start;
        for (int f = 0; f < keyField; f++) {
            while (line[field] != '\t') {
                field++;
            }
            field++;
        }
        int fieldEnd = field;
        boolean escaped = false;
        while (fieldEnd < end && line[fieldEnd] != '\t') {
            escaped |= line[fieldEnd] == '\\';
            fieldEnd++;
        }
        if (!escaped && Hashing.isInteger(table.distributionColumnType())) {
            long hash = integerHash(line, field, fieldEnd);
            if (hash != Hashing.OUT_OF_RANGE) {
                return table.shardForHash((int) hash);
            }
        }
        if (fieldEnd - field == 2 && line[field] == '\\' && line[field + 1] == 'N') {
            throw new SqlError("22023", "the partition column of table " + table.schema() + "." + table.name()
                    + " cannot be NULL").withContext(context(row) + ", column " + columns[keyField] + ": null input");
        }
        String value = new String(line, field, fieldEnd - field, StandardCharsets.UTF_8);
        if (escaped) {
            value = unescape(value);
        }
        try {
            return table.shardForHash(HashFunction.hash(table.distributionColumnType(), value));
        } catch (SQLException e) {
            throw new SqlError(e.getSQLState(), e.getMessage(), e)
                    .withContext(context(row) + ", column " + columns[keyField] + ": \"" + value + "\"");
        }
    }

    /** COPY's CONTEXT for the row's line of the input: "COPY table, line N". */
    private String context(long row) {
        return "COPY " + table.name() + ", line " + (lineBase + row);
    }

    /**
     * A node's error in a chunk, if its CONTEXT names the chunk's line: the same error,
     * naming the input's line and the table instead (the rest of the CONTEXT kept).
     */
    private SQLException atInputLine(SQLException e, Sent data) {
        ServerErrorMessage m = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        SqlError here = e instanceof SqlError local ? local : null;    // a shard copied on this node
        String where = m != null ? m.getWhere() : here != null ? here.getContext() : null;
        Matcher chunkLine = where == null ? null : CHUNK_LINE.matcher(where);
        if (chunkLine == null || !chunkLine.lookingAt()) {
            return e;
        }
        int line = Integer.parseInt(chunkLine.group(1));
        if (line < 1 || line > data.lines) {
            return e;
        }
        long row = Integer.toUnsignedLong(data.rowNumbers[line - 1]);
        SqlError told = m != null
                ? new SqlError(e.getSQLState(), m.getMessage(), e).withDetail(m.getDetail()).withHint(m.getHint())
                : new SqlError(e.getSQLState(), e.getMessage(), e).withDetail(here.getDetail()).withHint(here.getHint());
        return told.withContext(context(row) + where.substring(chunkLine.end()));
    }

    /**
     * An integer key hashed straight from its digits; {@link Hashing#OUT_OF_RANGE} for
     * anything else (PostgreSQL's input function decides).
     */
    private long integerHash(byte[] line, int start, int end) {
        boolean negative = start < end && line[start] == '-';
        int i = negative || (start < end && line[start] == '+') ? start + 1 : start;
        if (i == end || end - i > 18) {
            return Hashing.OUT_OF_RANGE;
        }
        long value = 0;
        for (; i < end; i++) {
            int digit = line[i] - '0';
            if (digit < 0 || digit > 9) {
                return Hashing.OUT_OF_RANGE;
            }
            value = value * 10 + digit;
        }
        return Hashing.integerHash(table.distributionColumnType(), negative ? -value : value);
    }

    /** The escapes the COPY bridge writes: backslash, tab, newline, carriage return. */
    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private byte[] chunkArray() {
        byte[] bytes = spare.poll();
        return bytes != null ? bytes : new byte[CHUNK_CAPACITY];
    }

    private int[] rowNumbersArray() {
        int[] numbers = spareRowNumbers.poll();
        return numbers != null ? numbers : new int[4096];
    }

    /** Sends the shard's gathered lines to each of its placements and starts a new chunk. */
    private void send(ShardPlacements shard, Chunk chunk) throws Exception {
        List<NodeAddress> remote = new ArrayList<>();
        boolean here = false;
        for (WorkerNode node : shard.nodes()) {
            if (node.groupId() == localGroup) {
                here = true;
            } else {
                remote.add(node.address());
            }
        }
        Sent sent = new Sent(chunk.bytes, chunk.length, chunk.rowNumbers, chunk.lines, remote.size());
        chunk.bytes = chunkArray();
        chunk.length = 0;
        chunk.rowNumbers = rowNumbersArray();
        chunk.lines = 0;
        if (here) {
            try {
                Backend.copyIn(shard.qualifiedName(), columns, Arrays.copyOf(sent.bytes, sent.length));
            } catch (SQLException e) {
                throw atInputLine(e, sent);
            }
        }
        sent.doneIfUnsent();
        String copy = "COPY " + shard.qualifiedName() + " " + columnList + " FROM STDIN";
        for (NodeAddress node : remote) {
            NodeStream stream = streams.get(node);
            RemoteCommandLog.issuing(node, copy);
            stream.submit(new Send(stream, copy, sent));
        }
    }

    /** A chunk's lines on their way to its nodes; the arrays are spare again once all have them. */
    private final class Sent {
        final byte[] bytes;
        final int length;
        final int[] rowNumbers;
        final int lines;
        private final AtomicInteger sendsLeft;

        Sent(byte[] bytes, int length, int[] rowNumbers, int lines, int sends) {
            this.bytes = bytes;
            this.length = length;
            this.rowNumbers = rowNumbers;
            this.lines = lines;
            this.sendsLeft = new AtomicInteger(sends);
        }

        void doneIfUnsent() {
            if (sendsLeft.get() == 0) {
                recycle();
            }
        }

        /** One node has the lines (or will never get them). */
        void done() {
            if (sendsLeft.decrementAndGet() == 0) {
                recycle();
            }
        }

        private void recycle() {
            if (bytes.length == CHUNK_CAPACITY) {
                spare.offer(bytes);
            }
            spareRowNumbers.offer(rowNumbers);
        }
    }

    // classes, not lambdas: a lambda's class is spun at first use, in every new backend

    /** The thread of a node's stream, a daemon named after the node. */
    private record SenderThreads(NodeAddress node) implements ThreadFactory {
        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "jcitus-copy " + node);
            t.setDaemon(true);
            return t;
        }
    }

    /** A stream's first task: its connection. */
    private record Connect(NodeStream stream) implements Callable<Void> {
        @Override
        public Void call() throws SQLException {
            stream.connection = stream.opening.connect();
            return null;
        }
    }

    /** One chunk to one node; its arrays are released whatever happens. */
    private final class Send implements Callable<Void> {
        private final NodeStream stream;
        private final String copy;
        private final Sent data;

        Send(NodeStream stream, String copy, Sent data) {
            this.stream = stream;
            this.copy = copy;
            this.data = data;
        }

        @Override
        public Void call() throws SQLException {
            try {
                stream.send(copy, data);
            } catch (SQLException e) {
                throw atInputLine(e, data);
            } finally {
                data.done();
            }
            return null;
        }
    }

    /** One node's chunks, sent in order by a thread of its own over the node's connection. */
    private static final class NodeStream {
        private final NodeAddress node;
        private final NodeConnections.Opening opening;
        /** set by the stream's thread, its first task; read by the backend once the thread is done */
        private Connection connection;
        /** a chunk was submitted (backend thread only) */
        private boolean used;
        private final ExecutorService thread;
        private final ArrayDeque<Future<Void>> inFlight = new ArrayDeque<>();

        NodeStream(NodeAddress node, NodeConnections.Opening opening) {
            this.node = node;
            this.opening = opening;
            this.thread = Executors.newSingleThreadExecutor(new SenderThreads(node));
            inFlight.addLast(thread.submit(new Connect(this)));
        }

        /** After every chunk went: the connection joins the transaction, or is kept if unused. */
        void handOver() {
            stop();
            if (used) {
                opening.join(connection);
            } else {
                opening.unused(connection);
            }
            connection = null;
        }

        /** After a failure and stop: a connection made for the COPY is closed. */
        void discard() {
            if (connection != null) {
                opening.discard(connection);
                connection = null;
            }
        }

        void submit(Callable<Void> send) throws Exception {
            used = true;
            while (inFlight.size() >= CHUNKS_AHEAD) {
                outcome(inFlight.removeFirst());
            }
            inFlight.addLast(thread.submit(send));
        }

        /** One chunk; its wait for the node counts for the deadlock check, and a cancel cancels it. */
        private void send(String copy, Sent data) throws SQLException {
            PGConnection pg = connection.unwrap(PGConnection.class);
            try (Interrupts.Registration r = Waits.onCopy(pg)) {
                CopyIn in = pg.getCopyAPI().copyIn(copy);
                try {
                    in.writeToCopy(data.bytes, 0, data.length);
                    in.endCopy();
                } finally {
                    if (in.isActive()) {
                        in.cancelCopy();
                    }
                }
            } catch (SQLException e) {
                throw RemoteErrors.copyFailed(node, DistributedDeadlocks.failed(e));
            }
        }

        /** A chunk that already failed fails the COPY now rather than at the end. */
        void rethrowFailure() throws Exception {
            while (!inFlight.isEmpty() && inFlight.peekFirst().isDone()) {
                outcome(inFlight.removeFirst());
            }
        }

        void awaitAll() throws Exception {
            List<Future<Void>> all = new ArrayList<>(inFlight);
            inFlight.clear();
            for (Future<Void> f : all) {
                outcome(f);
            }
        }

        private static void outcome(Future<Void> f) throws Exception {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }

        /**
         * Drops the chunks not sent yet and waits for the one being sent, so that the
         * connection is free when the transaction ends (and rolls back, after a failure).
         */
        void stop() {
            thread.shutdownNow();
            try {
                thread.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
