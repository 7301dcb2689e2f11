/*
 * TypeMap.java — which Java types may stand for a PostgreSQL type in a method's signature.
 */
package org.jcitus.pljvm;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java classes a static method may use for a parameter or result of a given SQL type,
 * best fit first. It mirrors the runtime's value conversion (convert.c): SQL NULL is Java
 * null, so the primitive classes fit only where no NULL comes, and {@code Object} fits
 * everything.
 */
final class TypeMap {
    static final int BOOL = 16;
    static final int BYTEA = 17;
    static final int INT8 = 20;
    static final int INT2 = 21;
    static final int REGPROC = 24;
    static final int INT4 = 23;
    static final int OID = 26;
    static final int FLOAT4 = 700;
    static final int FLOAT8 = 701;
    static final int NUMERIC = 1700;
    static final int REGPROCEDURE = 2202;
    static final int REGCLASS = 2205;
    static final int REGTYPE = 2206;
    static final int REGROLE = 4096;
    static final int REGNAMESPACE = 4089;
    static final int VOID = 2278;
    static final int EVENT_TRIGGER = 3838;
    static final int TRIGGER = 2279;

    private TypeMap() {
    }

    /** The classes that fit a value of this type (elementType: its element type if an array, else 0). */
    static List<Class<?>> javaTypes(int type, int elementType) {
        List<Class<?>> fits = new ArrayList<>();
        if (elementType != 0) {
            for (Class<?> element : scalarTypes(elementType)) {
                fits.add(element.arrayType());
            }
        } else {
            fits.addAll(scalarTypes(type));
            // composite values arrive as Object[]
            fits.add(Object[].class);
        }
        fits.add(Object.class);
        return fits;
    }

    private static List<Class<?>> scalarTypes(int type) {
        switch (type) {
            case BOOL:
                return List.of(boolean.class, Boolean.class);
            case INT2:
                return List.of(short.class, Short.class);
            case INT4:
                return List.of(int.class, Integer.class);
            case INT8:
                return List.of(long.class, Long.class);
            case FLOAT4:
                return List.of(float.class, Float.class);
            case FLOAT8:
                return List.of(double.class, Double.class);
            case NUMERIC:
                return List.of(BigDecimal.class);
            case OID:
            case REGPROC:
            case REGPROCEDURE:
            case REGCLASS:
            case REGTYPE:
            case REGROLE:
            case REGNAMESPACE:
                return List.of(long.class, Long.class);
            case BYTEA:
                return List.of(byte[].class);
            default:
                // text, varchar, name, json, jsonb, "any" and every other type: the text form
                return List.of(String.class);
        }
    }

    /** How SQL types are named in messages. */
    static String describe(List<Class<?>> fits) {
        StringBuilder s = new StringBuilder();
        for (Class<?> c : fits) {
            if (c == Object.class || c == Object[].class) {
                continue;
            }
            if (s.length() > 0) {
                s.append(" or ");
            }
            s.append(c.getSimpleName());
        }
        return s.length() == 0 ? "Object" : s.toString();
    }
}
