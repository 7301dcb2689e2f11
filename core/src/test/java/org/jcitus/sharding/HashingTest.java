/*
 * HashingTest.java — the Java hash functions against the shards real Citus picked.
 */
package org.jcitus.sharding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class HashingTest {
    /** Real Citus 13.2's shard index for values of int4, int8, text and uuid, 32 shards. */
    private static final Path VECTORS = Path.of("..", "regress", "data", "citus-hash-shard-index.csv");
    private static final int SHARDS = 32;

    @Test
    void everyVectorLandsInTheShardCitusPicked() throws IOException {
        List<String> lines = Files.readAllLines(VECTORS);
        int checked = 0;
        for (String line : lines) {
            if (line.startsWith("#") || line.startsWith("type,")) {
                continue;
            }
            int first = line.indexOf(',');
            int last = line.lastIndexOf(',');
            String type = line.substring(0, first);
            String value = line.substring(first + 1, last);
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1).replace("\"\"", "\"");
            }
            int expected = Integer.parseInt(line.substring(last + 1));
            Integer hash = Hashing.hash(typeOid(type), value);
            assertEquals(expected, ShardRanges.indexOf(hash, SHARDS), type + " " + value);
            checked++;
        }
        assertTrue(checked > 250, "vectors read: " + checked);
    }

    @Test
    void textThatIsNotAValueOfTheTypeIsLeftToPostgres() {
        assertNull(Hashing.hash(23, "5.0"));
        assertNull(Hashing.hash(23, "3000000000"));
        assertNull(Hashing.hash(1700, "5"));
    }

    private static int typeOid(String type) {
        switch (type) {
            case "int4": return 23;
            case "int8": return 20;
            case "text": return 25;
            case "uuid": return 2950;
            default: throw new IllegalArgumentException(type);
        }
    }
}
