package io.authsome.common.text;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean": known names ranked by edit distance to a mistyped one, for error messages. */
public final class Suggestions {
    private Suggestions() {
    }

    /** Up to {@code max} of {@code known} within a small edit distance of {@code name}, closest first. */
    public static List<String> closest(String name, List<String> known, int max) {
        String wanted = name.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, wanted.length() / 3);
        return known.stream()
                .filter(candidate -> distance(wanted, candidate) <= limit || candidate.startsWith(wanted)
                        || (wanted.length() >= 3 && candidate.contains(wanted)))
                .sorted(Comparator.comparingInt((String candidate) -> distance(wanted, candidate))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(max)
                .toList();
    }

    /** Levenshtein distance. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
