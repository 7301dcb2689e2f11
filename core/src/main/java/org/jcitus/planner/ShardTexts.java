/*
 * ShardTexts.java — a plan's texts kept per shard, sent again without rendering when an execution's values all go as bind parameters.
 */
package org.jcitus.planner;

import java.util.Set;

/**
 * With its values as bind parameters, a plan's text depends on the shard alone: the
 * plan keeps the one it rendered for each shard, and later executions on that shard
 * send the same String. Rendering costs nothing then, and the connection finds its
 * prepared statement for the text by identity rather than by comparing characters.
 */
final class ShardTexts {
    private final String[] texts;

    ShardTexts(int shards) {
        texts = new String[shards];
    }

    /**
     * The text kept for the shard, with this execution's bind parameters filled in from
     * the templates; null if none is kept, or if a value of this execution goes as a
     * literal (the execution is then bound afresh to the values, for rendering).
     */
    String reuse(int shard, Execution e, Set<QueryAnalysis.Value> bound, QueryTemplate... templates) {
        String text = texts[shard];
        if (text == null) {
            return null;
        }
        for (QueryTemplate t : templates) {
            t.fill(e);
        }
        if (e.onlyBindings()) {
            return text;
        }
        e.bind(bound);
        return null;
    }

    /** Keeps the text rendered for the shard if all its values went as bind parameters. */
    void keep(int shard, Execution e, String text) {
        if (e.onlyBindings()) {
            texts[shard] = text;
        }
    }
}
