package io.authsome.common.jwt;

import java.io.ByteArrayOutputStream;

/**
 * The little of ASN.1 DER that reading and wrapping private keys needs: a length-prefixed
 * element, and the algorithm of a PKCS#8 structure.
 */
final class Der {
    static final int SEQUENCE = 0x30;
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    private static final int OID = 0x06;

    /** {@code AlgorithmIdentifier} of rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters. */
    static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7,
            0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private Der() {
    }

    /** One element: {@code tag}, its length, {@code contents}. */
    static byte[] element(int tag, byte[]... contents) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : contents) {
            body.writeBytes(part);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = body.size();
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /**
     * The algorithm OID of a PKCS#8 {@code PrivateKeyInfo} (SEQUENCE { INTEGER version, SEQUENCE
     * { OID algorithm, ... }, ... }), dotted, or {@code null} when {@code der} is not shaped so.
     */
    static String pkcs8Algorithm(byte[] der) {
        Reader reader = new Reader(der);
        if (!reader.enter(SEQUENCE) || !reader.skip(INTEGER) || !reader.enter(SEQUENCE)) {
            return null;
        }
        byte[] oid = reader.read(OID);
        return oid == null ? null : dotted(oid);
    }

    private static String dotted(byte[] oid) {
        if (oid.length == 0) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        int first = oid[0] & 0xff;
        text.append(Math.min(first / 40, 2)).append('.').append(first - 40 * Math.min(first / 40, 2));
        long value = 0;
        for (int i = 1; i < oid.length; i++) {
            value = (value << 7) | (oid[i] & 0x7f);
            if ((oid[i] & 0x80) == 0) {
                text.append('.').append(value);
                value = 0;
            }
        }
        return text.toString();
    }

    /** Reads elements in order; every method answers {@code false} or {@code null} past a malformed one. */
    private static final class Reader {
        private final byte[] der;
        private int position;

        Reader(byte[] der) {
            this.der = der;
        }

        /** Steps into a constructed element of {@code tag}. */
        boolean enter(int tag) {
            return length(tag) >= 0;
        }

        /** Steps over an element of {@code tag}. */
        boolean skip(int tag) {
            int length = length(tag);
            if (length < 0) {
                return false;
            }
            position += length;
            return true;
        }

        /** The contents of an element of {@code tag}. */
        byte[] read(int tag) {
            int length = length(tag);
            if (length < 0) {
                return null;
            }
            byte[] contents = java.util.Arrays.copyOfRange(der, position, position + length);
            position += length;
            return contents;
        }

        /** Reads the tag and length of the next element, leaving the position at its contents. */
        private int length(int tag) {
            if (position + 2 > der.length || (der[position] & 0xff) != tag) {
                return -1;
            }
            position++;
            int first = der[position++] & 0xff;
            int length;
            if (first < 0x80) {
                length = first;
            } else {
                int bytes = first & 0x7f;
                if (bytes == 0 || bytes > 3 || position + bytes > der.length) {
                    return -1;
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (der[position++] & 0xff);
                }
            }
            return position + length > der.length ? -1 : length;
        }
    }
}
