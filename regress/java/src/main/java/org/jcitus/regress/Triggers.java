/*
 * Triggers.java — an event trigger written in Java that logs what fired it.
 */
package org.jcitus.regress;

import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.jcitus.pljvm.EventTriggerData;
import org.jcitus.pljvm.TriggerData;

public final class Triggers {
    private Triggers() {
    }

    /** Appends (event, tag, statement text) to the table ddl_log. */
    public static void log(EventTriggerData trigger) throws SQLException {
        try (PreparedStatement p = DriverManager.getConnection("jdbc:default:connection")
                .prepareStatement("INSERT INTO ddl_log (event, tag, statement) VALUES (?, ?, ?)")) {
            p.setString(1, trigger.event());
            p.setString(2, trigger.tag());
            p.setString(3, trigger.statement());
            p.executeUpdate();
        }
    }

    /** A statement-level trigger: appends ("trigger <when> <event>", table, trigger name) to ddl_log. */
    public static void logStatement(TriggerData trigger) throws SQLException {
        try (PreparedStatement p = DriverManager.getConnection("jdbc:default:connection")
                .prepareStatement("INSERT INTO ddl_log (event, tag, statement) VALUES (?, ?, ?)")) {
            p.setString(1, "trigger " + trigger.when() + " " + trigger.event());
            p.setString(2, trigger.schema() + "." + trigger.table());
            p.setString(3, trigger.name());
            p.executeUpdate();
        }
    }

    /** Refuses every command it fires on. */
    public static void refuse(EventTriggerData trigger) {
        throw new UnsupportedOperationException(trigger.tag() + " is not allowed here");
    }
}
