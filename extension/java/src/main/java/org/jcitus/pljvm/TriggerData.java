/*
 * TriggerData.java — what a statement-level trigger written in Java is told.
 */
package org.jcitus.pljvm;

/**
 * The argument of a Java trigger: a method {@code static void m(TriggerData)} named by a
 * function {@code RETURNS trigger LANGUAGE pljvm}, used FOR EACH STATEMENT.
 */
public final class TriggerData {
    private final String name;
    private final String event;
    private final String when;
    private final long relationId;
    private final String schema;
    private final String table;

    /** Made by the runtime. */
    public TriggerData(String name, String event, String when, long relationId, String schema, String table) {
        this.name = name;
        this.event = event;
        this.when = when;
        this.relationId = relationId;
        this.schema = schema;
        this.table = table;
    }

    /** The trigger's name. */
    public String name() {
        return name;
    }

    /** INSERT, UPDATE, DELETE or TRUNCATE. */
    public String event() {
        return event;
    }

    /** BEFORE or AFTER. */
    public String when() {
        return when;
    }

    /** The OID of the table the trigger is on. */
    public long relationId() {
        return relationId;
    }

    public String schema() {
        return schema;
    }

    public String table() {
        return table;
    }

    @Override
    public String toString() {
        return when + " " + event + " ON " + schema + "." + table + " (" + name + ")";
    }
}
