/*
 * RemoteCommandLog.java — citus.log_remote_commands: each command sent to another node, reported to the client first.
 */
package org.jcitus.connection;

import java.sql.SQLException;
import java.util.regex.Pattern;

import org.jcitus.pljvm.Backend;

/**
 * When citus.log_remote_commands is on, a command jcitus sends to another node for a query,
 * a write, a COPY, a remote transaction's control, a table's shards and metadata
 * (ParallelCommands) or run_command_on_* is first reported to the client as
 * Citus reports it: {@code NOTICE: issuing <command>} with {@code DETAIL: on server
 * user@host:port}. The text is what goes to the node, on one line, "?" standing for a
 * value sent apart (a bind parameter). Backend thread only: commands that other threads
 * send (a COPY's chunks, the nodes of a statement in parallel) are reported as they are
 * handed over. Not reported: the distributed deadlock check's reads of the nodes, and the
 * checks of a node that is being added.
 */
public final class RemoteCommandLog {
    private static final String SETTING = "citus.log_remote_commands";
    /** The deparser's line breaks and their indentation: a command is reported on one line. */
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*\\n\\s*");

    private RemoteCommandLog() {
    }

    /** Whether commands are reported now: for a caller about to report several. */
    public static boolean on() throws SQLException {
        return Backend.settingIsOn(SETTING);
    }

    /** Reports the command if the setting is on. */
    public static void issuing(NodeAddress node, String command) throws SQLException {
        if (on()) {
            report(node, command);
        }
    }

    /** Reports the command (the caller found the setting on). */
    public static void report(NodeAddress node, String command) throws SQLException {
        Backend.notice("issuing " + LINE_BREAKS.matcher(command.strip()).replaceAll(" "),
                "on server " + NodeConnections.loginUser() + "@" + node);
    }
}
