/*
 * EventTriggerData.java — what an event trigger written in Java is told about its event.
 */
package org.jcitus.pljvm;

/**
 * The argument of a Java event trigger: a method {@code static void m(EventTriggerData)}
 * named by a function {@code RETURNS event_trigger LANGUAGE pljvm}.
 */
public final class EventTriggerData {
    private final String event;
    private final String tag;

    /** Made by the runtime. */
    public EventTriggerData(String event, String tag) {
        this.event = event;
        this.tag = tag;
    }

    /** The event: ddl_command_start, ddl_command_end, sql_drop or table_rewrite. */
    public String event() {
        return event;
    }

    /** The command tag, e.g. {@code CREATE TABLE}. */
    public String tag() {
        return tag;
    }

    /** The exact text of the statement that fired the trigger. */
    public String statement() {
        return Backend.currentStatement();
    }

    @Override
    public String toString() {
        return event + " " + tag;
    }
}
