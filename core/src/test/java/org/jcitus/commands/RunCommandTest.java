/*
 * RunCommandTest.java — the command tags run_command_on_* reports for commands without rows.
 */
package org.jcitus.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RunCommandTest {
    @Test
    void tagsReadLikePsqls() {
        assertEquals("INSERT 0 3", RunCommand.commandTag("insert into t values (1), (2), (3)", 3));
        assertEquals("UPDATE 0", RunCommand.commandTag("  UPDATE t SET a = 1", 0));
        assertEquals("DELETE 2", RunCommand.commandTag("delete from t;", 2));
        assertEquals("CREATE TABLE", RunCommand.commandTag("create table t (a int)", -1));
        assertEquals("DROP INDEX", RunCommand.commandTag("DROP INDEX i;", -1));
        assertEquals("VACUUM", RunCommand.commandTag("vacuum t", -1));
    }
}
