package io.authsome.provider.aws.internal;

/**
 * The shape of an AWS region name: {@code us-east-1}, {@code us-gov-west-1}, {@code cn-north-1},
 * {@code us-isob-east-1}. Checked without regular expressions.
 */
final class Regions {
    private Regions() {
    }

    /**
     * Whether {@code name} is shaped like a region: at least three parts joined by {@code -}, the
     * first two lowercase letters, the middle ones lowercase letters, the last one or two digits.
     */
    static boolean isRegion(String name) {
        int parts = 0;
        int start = 0;
        int length = name.length();
        if (length < 6 || length > 32) {
            return false;
        }
        while (start <= length) {
            int dash = name.indexOf('-', start);
            int end = dash < 0 ? length : dash;
            boolean last = dash < 0;
            if (!part(name, start, end, parts, last)) {
                return false;
            }
            parts++;
            if (last) {
                break;
            }
            start = dash + 1;
        }
        return parts >= 3;
    }

    private static boolean part(String name, int start, int end, int index, boolean last) {
        int length = end - start;
        if (length == 0 || (index == 0 && length != 2) || (last && length > 2)) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = name.charAt(i);
            if (last ? c < '0' || c > '9' : c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }
}
