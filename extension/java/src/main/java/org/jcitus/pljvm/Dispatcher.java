/*
 * Dispatcher.java — finds the static method a pljvm function names and calls it.
 */
package org.jcitus.pljvm;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Java side of the call handler. {@link #resolve} picks, once per function and
 * signature, the public static method that fits the declared SQL types; {@link #invoke}
 * calls it with the arguments the runtime converted.
 *
 * <p>A method fits when it has the name, one parameter per SQL argument and, for each, a
 * class that {@link TypeMap} allows; among several, the one whose classes come first in
 * TypeMap's order wins (primitives before boxes). Results: a value of the result type;
 * Object[] for a composite; for SETOF, an Iterator, Iterable, Stream or array of them.
 * Event triggers take one {@link EventTriggerData}; statement-level triggers one {@link TriggerData}.
 */
final class Dispatcher {
    private static final String UNDEFINED_FUNCTION = "42883";
    private static final String INVALID_FUNCTION_DEFINITION = "42P13";
    private static final String NULL_VALUE_NOT_ALLOWED = "22004";

    private static final List<Invoker> INVOKERS = new ArrayList<>();
    private static final Map<String, Integer> RESOLVED = new HashMap<>();

    private Dispatcher() {
    }

    /** What the runtime knows of a function's declaration. */
    private static final class Signature {
        final String source;
        final int[] argTypes;
        final int[] argElementTypes;
        final int resultType;
        final int resultElementType;
        final boolean returnsSet;
        final boolean returnsComposite;

        Signature(String source, int[] argTypes, int[] argElementTypes, int resultType,
                  int resultElementType, boolean returnsSet, boolean returnsComposite) {
            this.source = source.trim();
            this.argTypes = argTypes;
            this.argElementTypes = argElementTypes;
            this.resultType = resultType;
            this.resultElementType = resultElementType;
            this.returnsSet = returnsSet;
            this.returnsComposite = returnsComposite;
        }

        String key() {
            return source + Arrays.toString(argTypes) + resultType + returnsSet + returnsComposite;
        }

        boolean isEventTrigger() {
            return resultType == TypeMap.EVENT_TRIGGER;
        }

        boolean isTrigger() {
            return resultType == TypeMap.TRIGGER;
        }
    }

    /**
     * A resolved method, ready to be called with the runtime's argument array. Plain
     * reflection, not method handles: a handle's adapters are classes spun at first use,
     * which costs a new backend tens of milliseconds, while a reflective call costs a
     * few nanoseconds more.
     */
    private static final class Invoker {
        final String name;
        final Method method;
        final Class<?>[] parameters;
        final boolean returnsSet;

        Invoker(Method method, boolean returnsSet) {
            this.name = method.getDeclaringClass().getName() + "." + method.getName();
            this.method = method;
            this.parameters = method.getParameterTypes();
            this.returnsSet = returnsSet;
        }

        Object invoke(Object[] args) throws Throwable {
            for (int i = 0; i < parameters.length; i++) {
                Class<?> p = parameters[i];
                if (args[i] == null && p.isPrimitive()) {
                    throw new SQLException("argument " + (i + 1) + " of " + name
                            + " is NULL, which a Java " + p.getName() + " cannot hold",
                            NULL_VALUE_NOT_ALLOWED);
                }
                if (args[i] instanceof Object[] && p.isArray() && p.getComponentType().isPrimitive()) {
                    args[i] = Values.toPrimitiveArray((Object[]) args[i], p);
                }
            }
            Object result;
            try {
                result = method.invoke(null, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return returnsSet ? new CallIterator<>(asIterator(result)) : result;
        }
    }

    /**
     * Called by the runtime when a function is first called in a query, and by its
     * validator at CREATE FUNCTION. Returns the index to pass to {@link #invoke}.
     */
    static synchronized int resolve(String source, int[] argTypes, int[] argElementTypes,
                                    int resultType, int resultElementType, boolean returnsSet,
                                    boolean returnsComposite) throws SQLException {
        Signature s = new Signature(source, argTypes, argElementTypes, resultType,
                resultElementType, returnsSet, returnsComposite);
        Integer known = RESOLVED.get(s.key());
        if (known != null) {
            return known;
        }
        Method method = findMethod(s);
        if (!Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
            throw new SQLException("Java method " + s.source + " cannot be called: its class is not public",
                    UNDEFINED_FUNCTION);
        }
        INVOKERS.add(new Invoker(method, returnsSet));
        int id = INVOKERS.size() - 1;
        RESOLVED.put(s.key(), id);
        return id;
    }

    /** Called by the runtime for each call. */
    static Object invoke(int id, Object[] args) throws Throwable {
        Interrupts.enterCall();
        try {
            return INVOKERS.get(id).invoke(args);
        } finally {
            Interrupts.leaveCall();
        }
    }

    private static Method findMethod(Signature s) throws SQLException {
        int dot = s.source.lastIndexOf('.');
        if (dot <= 0 || dot == s.source.length() - 1) {
            throw new SQLException("the body of a pljvm function must name a static Java method"
                    + " as 'package.Class.method', not '" + s.source + "'",
                    INVALID_FUNCTION_DEFINITION);
        }
        String className = s.source.substring(0, dot);
        String methodName = s.source.substring(dot + 1);
        Class<?> cls;
        try {
            cls = Class.forName(className, true, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new SQLException("Java class " + className + " not found (is it on pljvm.classpath?)",
                    UNDEFINED_FUNCTION, e);
        }

        List<List<Class<?>>> wanted = wantedParameters(s);
        Method best = null;
        int bestScore = Integer.MAX_VALUE;
        for (Method m : cls.getMethods()) {
            if (!m.getName().equals(methodName) || !Modifier.isStatic(m.getModifiers())
                    || m.getParameterCount() != wanted.size() || !resultFits(s, m.getReturnType())) {
                continue;
            }
            int score = score(wanted, m.getParameterTypes());
            if (score == Integer.MAX_VALUE) {
                continue;
            }
            if (best == null || score < bestScore
                    || (score == bestScore && m.toString().compareTo(best.toString()) < 0)) {
                best = m;
                bestScore = score;
            }
        }
        if (best == null) {
            throw new SQLException("Java method " + s.source + wantedDescription(wanted)
                    + resultDescription(s) + " not found", UNDEFINED_FUNCTION);
        }
        return best;
    }

    private static List<List<Class<?>>> wantedParameters(Signature s) {
        List<List<Class<?>>> wanted = new ArrayList<>();
        if (s.isEventTrigger()) {
            wanted.add(List.of(EventTriggerData.class));
            return wanted;
        }
        if (s.isTrigger()) {
            wanted.add(List.of(TriggerData.class));
            return wanted;
        }
        for (int i = 0; i < s.argTypes.length; i++) {
            wanted.add(TypeMap.javaTypes(s.argTypes[i], s.argElementTypes[i]));
        }
        return wanted;
    }

    /** Lower is a better fit; -1 marks a parameter that does not fit at all. */
    private static int score(List<List<Class<?>>> wanted, Class<?>[] parameters) {
        int score = 0;
        for (int i = 0; i < parameters.length; i++) {
            int rank = wanted.get(i).indexOf(parameters[i]);
            if (rank < 0) {
                return Integer.MAX_VALUE;
            }
            score += rank;
        }
        return score;
    }

    private static boolean resultFits(Signature s, Class<?> result) {
        if (s.returnsSet) {
            return Iterator.class.isAssignableFrom(result) || Iterable.class.isAssignableFrom(result)
                    || Stream.class.isAssignableFrom(result) || result.isArray() || result == Object.class;
        }
        if (s.isEventTrigger() || s.isTrigger() || s.resultType == TypeMap.VOID) {
            return true;
        }
        if (s.returnsComposite) {
            return result == Object[].class || result == Object.class;
        }
        // results are converted by class at run time, so any non-void class may do
        return result != void.class;
    }

    private static String wantedDescription(List<List<Class<?>>> wanted) {
        StringBuilder d = new StringBuilder("(");
        for (int i = 0; i < wanted.size(); i++) {
            d.append(i == 0 ? "" : ", ").append(TypeMap.describe(wanted.get(i)));
        }
        return d.append(")").toString();
    }

    private static String resultDescription(Signature s) {
        if (s.returnsSet) {
            return " returning an Iterator, Iterable, Stream or array";
        }
        return s.returnsComposite ? " returning Object[]" : "";
    }

    private static Iterator<?> asIterator(Object result) {
        if (result == null) {
            return List.of().iterator();
        }
        if (result instanceof Iterator) {
            return (Iterator<?>) result;
        }
        if (result instanceof Iterable) {
            return ((Iterable<?>) result).iterator();
        }
        if (result instanceof Stream) {
            return ((Stream<?>) result).iterator();
        }
        return Arrays.asList(Values.toObjectArray(result)).iterator();
    }
}
