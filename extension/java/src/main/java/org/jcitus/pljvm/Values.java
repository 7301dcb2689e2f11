/*
 * Values.java — reshaping Java values between what the runtime hands over and what methods take.
 */
package org.jcitus.pljvm;

import java.lang.reflect.Array;
import java.sql.SQLException;
import java.util.Collection;

/**
 * The runtime gives and takes arrays as Object[] of boxed values; methods may use
 * primitive arrays and collections instead. These conversions bridge the two.
 */
public final class Values {
    private Values() {
    }

    /**
     * Any Java array or Collection as an Object[] of its elements (primitive arrays boxed).
     * Called by the runtime for values returned for an SQL array.
     */
    public static Object[] toObjectArray(Object value) {
        if (value instanceof Object[]) {
            return (Object[]) value;
        }
        if (value instanceof Collection) {
            return ((Collection<?>) value).toArray();
        }
        if (value != null && value.getClass().isArray()) {
            int n = Array.getLength(value);
            Object[] boxed = new Object[n];
            for (int i = 0; i < n; i++) {
                boxed[i] = Array.get(value, i);
            }
            return boxed;
        }
        throw new IllegalArgumentException("a value of class "
                + (value == null ? "null" : value.getClass().getName())
                + " cannot be used as an SQL array");
    }

    /** A boxed array as the primitive array class a method takes; null elements are refused. */
    static Object toPrimitiveArray(Object[] boxed, Class<?> arrayType) throws SQLException {
        Object result = Array.newInstance(arrayType.getComponentType(), boxed.length);
        for (int i = 0; i < boxed.length; i++) {
            if (boxed[i] == null) {
                throw new SQLException("the array has a NULL at index " + (i + 1)
                        + ", which a Java " + arrayType.getSimpleName() + " cannot hold", "22004");
            }
            Array.set(result, i, boxed[i]);
        }
        return result;
    }
}
