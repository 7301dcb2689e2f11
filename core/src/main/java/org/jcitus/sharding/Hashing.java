/*
 * Hashing.java — PostgreSQL's hash functions for the common distribution column types, computed in Java.
 */
package org.jcitus.sharding;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The router hashes a distribution column value for every query; asking PostgreSQL
 * (HashFunction) costs an SPI round, so the hash functions of the usual key types are
 * computed here, bit for bit as PostgreSQL computes them: hashint2, hashint4, hashint8,
 * hashtext and hashvarchar (for deterministic collations: the value's UTF-8 bytes) and
 * uuid_hash. Other types return null and are hashed by PostgreSQL.
 *
 * <p>PostgreSQL's hash is Bob Jenkins' lookup3 ("hash_bytes"), reading the bytes as
 * little-endian words, seeded with 0x9e3779b9 + length + 3923095.
 */
public final class Hashing {
    private static final int INT2 = 21;
    private static final int INT4 = 23;
    private static final int INT8 = 20;
    private static final int TEXT = 25;
    private static final int VARCHAR = 1043;
    private static final int UUID_TYPE = 2950;
    private static final int SEED = 0x9e3779b9 + 3923095;

    private Hashing() {
    }

    /** Whether values of this type are hashed here. */
    public static boolean computes(int typeOid) {
        return typeOid == INT2 || typeOid == INT4 || typeOid == INT8 || typeOid == TEXT
                || typeOid == VARCHAR || typeOid == UUID_TYPE;
    }

    /**
     * The hash of a value, given in its text form, as the type's hash function computes it;
     * null if the type is not one computed here or the text is not a plain value of it
     * (PostgreSQL then decides).
     */
    public static Integer hash(int typeOid, String value) {
        switch (typeOid) {
            case INT2:
            case INT4:
            case INT8:
                Long integer = parseInteger(value);
                return integer == null ? null : hashInteger(typeOid, integer);
            case TEXT:
            case VARCHAR:
                return hashBytes(value.getBytes(StandardCharsets.UTF_8));
            case UUID_TYPE:
                return hashUuid(value);
            default:
                return null;
        }
    }

    /** Whether the type is an integer type (its values can be hashed from a long). */
    public static boolean isInteger(int typeOid) {
        return typeOid == INT2 || typeOid == INT4 || typeOid == INT8;
    }

    /** What {@link #integerHash} returns for a value out of the type's range. */
    public static final long OUT_OF_RANGE = Long.MIN_VALUE;

    /** The hash of an integer value of an integer type; null if the value is out of the type's range. */
    public static Integer hashInteger(int typeOid, long value) {
        long hash = integerHash(typeOid, value);
        return hash == OUT_OF_RANGE ? null : (int) hash;
    }

    /**
     * {@link #hashInteger} without a boxed result, for loops over many values (COPY):
     * the hash, or {@link #OUT_OF_RANGE}.
     */
    public static long integerHash(int typeOid, long value) {
        if (typeOid == INT8) {
            return hashInt8(value);
        }
        long min = typeOid == INT2 ? Short.MIN_VALUE : Integer.MIN_VALUE;
        long max = typeOid == INT2 ? Short.MAX_VALUE : Integer.MAX_VALUE;
        return value < min || value > max ? OUT_OF_RANGE : hashUint32((int) value);
    }

    private static Long parseInteger(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer hashUuid(String value) {
        UUID uuid;
        try {
            uuid = UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            return null;    // braces, no hyphens: forms uuid_in accepts and UUID does not
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (uuid.getMostSignificantBits() >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (uuid.getLeastSignificantBits() >>> (56 - 8 * i));
        }
        return hashBytes(bytes);
    }

    /** hashint8: the halves folded (the high one inverted for negative values), then hashed as int4. */
    static int hashInt8(long value) {
        int low = (int) value;
        int high = (int) (value >>> 32);
        return hashUint32(low ^ (value >= 0 ? high : ~high));
    }

    /** hash_bytes_uint32: one word, no loop. */
    static int hashUint32(int k) {
        int a = SEED + 4;
        int b = a;
        int c = a;
        a += k;
        return finish(a, b, c);
    }

    /** hash_bytes over a byte string. */
    static int hashBytes(byte[] k) {
        int a = SEED + k.length;
        int b = a;
        int c = a;
        int i = 0;
        int left = k.length;
        while (left >= 12) {
            a += word(k, i, 4);
            b += word(k, i + 4, 4);
            c += word(k, i + 8, 4);
            // lookup3's mix
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
            i += 12;
            left -= 12;
        }
        // the last 11 bytes or fewer; c's lowest byte stays for the length
        if (left > 8) {
            c += word(k, i + 8, left - 8) << 8;
        }
        if (left > 4) {
            b += word(k, i + 4, Math.min(4, left - 4));
        }
        if (left > 0) {
            a += word(k, i, Math.min(4, left));
        }
        return finish(a, b, c);
    }

    /** Up to four bytes from k[at] as a little-endian word. */
    private static int word(byte[] k, int at, int n) {
        int w = 0;
        for (int j = 0; j < n; j++) {
            w |= (k[at + j] & 0xff) << (8 * j);
        }
        return w;
    }

    /** lookup3's final mix; the hash is c. */
    private static int finish(int a, int b, int c) {
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return c;
    }
}
