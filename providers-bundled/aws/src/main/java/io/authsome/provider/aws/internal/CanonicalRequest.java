package io.authsome.provider.aws.internal;

import io.authsome.api.plugin.OutgoingRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The canonical request of SigV4 (AWS's "Create a canonical request"), as botocore builds it:
 * the method; the path encoded twice and normalised (dot segments and empty segments removed),
 * or for S3 encoded once and left as it is; the query parameters encoded and sorted by name,
 * then value; every header field but those below, names lowercase and sorted, repeated fields
 * joined with commas, values trimmed with inner runs of white space made one space; the signed
 * header names; the payload hash.
 *
 * <p>Not signed: the fields botocore leaves out ({@code expect}, {@code transfer-encoding},
 * {@code user-agent}, {@code x-amzn-trace-id}), the client's own {@code authorization}, and
 * {@code content-length} with the hop-by-hop fields, which the proxy may reframe on the way.
 *
 * @param text          the canonical request
 * @param signedHeaders the signed header names, {@code ;}-separated
 */
record CanonicalRequest(String text, String signedHeaders) {
    private static final Set<String> UNSIGNED = Set.of("authorization", "expect", "transfer-encoding",
            "user-agent", "x-amzn-trace-id", "content-length", "connection", "keep-alive", "proxy-authorization",
            "proxy-connection", "te", "trailer", "upgrade");

    /**
     * The canonical request of {@code request} as it stands (its credential headers set).
     *
     * @param s3          whether S3's path rules apply
     * @param payloadHash the hash (or {@code UNSIGNED-PAYLOAD}) that ends the canonical request
     */
    static CanonicalRequest of(OutgoingRequest request, boolean s3, String payloadHash) {
        StringBuilder text = new StringBuilder(512);
        text.append(request.method()).append('\n');
        text.append(uri(request.rawPath(), s3)).append('\n');
        text.append(query(request.rawQuery())).append('\n');
        String[] names = signedNames(request);
        StringBuilder signed = new StringBuilder(names.length * 16);
        for (String name : names) {
            text.append(name).append(':');
            if (name.equals("host") && request.header("host").isEmpty()) {
                text.append(request.port() == 443 ? request.host() : request.host() + ":" + request.port());
            } else {
                appendValues(text, request.header(name));
            }
            text.append('\n');
            if (signed.length() > 0) {
                signed.append(';');
            }
            signed.append(name);
        }
        text.append('\n').append(signed).append('\n').append(payloadHash);
        return new CanonicalRequest(text.toString(), signed.toString());
    }

    /** The canonical path: S3's encoded once as sent, any other normalised and encoded twice. */
    static String uri(String rawPath, boolean s3) {
        String canonical = UriEncoding.canonical(rawPath.isEmpty() ? "/" : rawPath, true);
        return s3 ? canonical : UriEncoding.encodeAgain(removeDotSegments(canonical));
    }

    /** The canonical query: each parameter encoded, sorted by name then value, {@code name=value} joined by {@code &}. */
    static String query(String rawQuery) {
        if (rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> parameters = new ArrayList<>();
        int start = 0;
        while (start <= rawQuery.length()) {
            int amp = rawQuery.indexOf('&', start);
            int end = amp < 0 ? rawQuery.length() : amp;
            if (end > start) {
                int eq = rawQuery.indexOf('=', start);
                int nameEnd = eq < 0 || eq > end ? end : eq;
                StringBuilder name = new StringBuilder(nameEnd - start + 8);
                UriEncoding.appendCanonical(name, rawQuery, start, nameEnd, false);
                StringBuilder value = new StringBuilder(Math.max(0, end - nameEnd) + 8);
                if (nameEnd < end) {
                    UriEncoding.appendCanonical(value, rawQuery, nameEnd + 1, end, false);
                }
                parameters.add(new String[] {name.toString(), value.toString()});
            }
            start = end + 1;
        }
        if (parameters.size() > 1) {
            parameters.sort((a, b) -> {
                int byName = a[0].compareTo(b[0]);
                return byName != 0 ? byName : a[1].compareTo(b[1]);
            });
        }
        StringBuilder out = new StringBuilder(rawQuery.length() + 16);
        for (String[] parameter : parameters) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(parameter[0]).append('=').append(parameter[1]);
        }
        return out.toString();
    }

    /**
     * RFC 3986's "remove dot segments", and empty segments removed too, as AWS services expect
     * (botocore's {@code remove_dot_segments}): {@code //a/./b/../c/} becomes {@code /a/c/}.
     */
    static String removeDotSegments(String path) {
        if (path.indexOf("//") < 0 && path.indexOf("/.") < 0 && !path.startsWith(".")) {
            return path; // nothing to remove: most paths
        }
        List<String> kept = new ArrayList<>();
        int start = 0;
        while (start <= path.length()) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            String segment = path.substring(start, end);
            if (segment.equals("..")) {
                if (!kept.isEmpty()) {
                    kept.remove(kept.size() - 1);
                }
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                kept.add(segment);
            }
            start = end + 1;
        }
        String joined = String.join("/", kept);
        String first = path.startsWith("/") ? "/" : "";
        String last = path.endsWith("/") && !kept.isEmpty() ? "/" : "";
        return first + joined + last;
    }

    /** The lowercase names of the fields to sign, {@code host} always among them, sorted. */
    private static String[] signedNames(OutgoingRequest request) {
        List<String> all = request.headerNames();
        List<String> names = new ArrayList<>(all.size() + 1);
        boolean host = false;
        for (String name : all) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!UNSIGNED.contains(lower) && !names.contains(lower)) {
                names.add(lower);
                host |= lower.equals("host");
            }
        }
        if (!host) {
            names.add("host");
        }
        String[] sorted = names.toArray(new String[0]);
        Arrays.sort(sorted);
        return sorted;
    }

    /** Appends the values joined by commas, each trimmed with inner runs of spaces and tabs made one space. */
    private static void appendValues(StringBuilder out, List<String> values) {
        for (int v = 0; v < values.size(); v++) {
            if (v > 0) {
                out.append(',');
            }
            String value = values.get(v);
            boolean space = false;
            boolean started = false;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                    space = started;
                } else {
                    if (space) {
                        out.append(' ');
                        space = false;
                    }
                    out.append(c);
                    started = true;
                }
            }
        }
    }
}
