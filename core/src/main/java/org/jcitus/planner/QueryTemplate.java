/*
 * QueryTemplate.java — a stretch of a deparsed query with holes for shard names, constants and parameter values.
 */
package org.jcitus.planner;

import java.util.ArrayList;
import java.util.List;

/**
 * Built once per query shape; rendered per execution with that execution's constants,
 * parameter values and shards. A Citus table's name becomes its shard's name, keeping the
 * name the query used as the alias (so that {@code t.col} still resolves); a parameter
 * becomes a typed literal, so that the node needs no parameters of its own.
 */
final class QueryTemplate {
    private static final int FIXED = 0;
    private static final int CONSTANT = 1;
    private static final int PARAMETER = 2;
    private static final int RELATION = 3;

    private final int[] kinds;
    private final String[] texts;
    private final int[] arguments;

    /** What fills the holes in one execution. */
    interface Values {
        String constant(int index);

        /** $n as a literal of its type */
        String parameter(int number);

        /** the shard (qualified, quoted) that stands for the reference's table */
        String shard(int reference);
    }

    private QueryTemplate(List<Integer> kinds, List<String> texts, List<Integer> arguments) {
        this.kinds = new int[kinds.size()];
        this.arguments = new int[arguments.size()];
        for (int i = 0; i < this.kinds.length; i++) {
            this.kinds[i] = kinds.get(i);
            this.arguments[i] = arguments.get(i);
        }
        this.texts = texts.toArray(new String[0]);
    }

    /** The template of the query's text from character from to character to. */
    static QueryTemplate of(QueryAnalysis a, int from, int to) {
        DeparsedQuery q = a.q;
        List<Integer> kinds = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<Integer> arguments = new ArrayList<>();
        int fixedFrom = from;
        int reference = 0;
        for (int t = 0; t < q.size(); t++) {
            if (q.start(t) < from || q.end(t) > to) {
                continue;
            }
            while (reference < a.references.size() && a.references.get(reference).first() < t) {
                reference++;
            }
            int kind;
            int argument;
            int end = t;
            if (reference < a.references.size() && a.references.get(reference).first() == t) {
                QueryAnalysis.Reference r = a.references.get(reference);
                kind = RELATION;
                argument = reference;
                end = r.last();
            } else if (q.kind(t) == DeparsedQuery.Kind.PARAMETER) {
                kind = PARAMETER;
                argument = Integer.parseInt(q.token(t).substring(1));
            } else if (q.constantIndex(t) >= 0) {
                kind = CONSTANT;
                argument = q.constantIndex(t);
            } else {
                continue;
            }
            kinds.add(FIXED);
            texts.add(q.text.substring(fixedFrom, q.start(t)));
            arguments.add(0);
            kinds.add(kind);
            arguments.add(argument);
            texts.add(kind == RELATION ? aliasAfterShard(a, argument) : null);
            fixedFrom = q.end(end);
            t = end;
        }
        kinds.add(FIXED);
        texts.add(q.text.substring(fixedFrom, to));
        arguments.add(0);
        return new QueryTemplate(kinds, texts, arguments);
    }

    /** What follows a shard name: the name the query used for the table, if it gave no alias. */
    private static String aliasAfterShard(QueryAnalysis a, int reference) {
        QueryAnalysis.Reference r = a.references.get(reference);
        if (r.hasAlias()) {
            return "";
        }
        return (r.insertTarget() ? " AS " : " ") + a.q.token(r.last());
    }

    /**
     * Fills the constant and parameter holes without writing the text: for a text kept
     * from an earlier execution, whose bind parameters this execution's values fill.
     */
    void fill(Values values) {
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == CONSTANT) {
                values.constant(arguments[i]);
            } else if (kinds[i] == PARAMETER) {
                values.parameter(arguments[i]);
            }
        }
    }

    void render(StringBuilder b, Values values) {
        for (int i = 0; i < kinds.length; i++) {
            switch (kinds[i]) {
                case FIXED -> b.append(texts[i]);
                case CONSTANT -> b.append(values.constant(arguments[i]));
                case PARAMETER -> b.append(values.parameter(arguments[i]));
                default -> b.append(values.shard(arguments[i])).append(texts[i]);
            }
        }
    }
}
