package io.authsome.common.mint;

import io.authsome.api.plugin.MintContext;
import io.authsome.api.plugin.MintException;
import io.authsome.common.json.Json;
import io.authsome.common.json.MalformedJsonException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One round trip of a token minter to its issuer's token endpoint, with the runtime's client and
 * timeout: traced for {@code --verbose} with every secret redacted (the signed JWT, the token
 * that comes back), and the failures every minter treats alike turned into {@link MintException}s
 * that name the endpoint: no answer in time, no connection, a 5xx, a body that is not JSON. What
 * a 2xx or a 4xx answer means is the minter's to say. Thread-safe.
 */
public final class MintCall {
    /** JSON members of answers whose values are secrets: a trace shows them as {@value #REDACTED}. */
    private static final Set<String> SECRET_MEMBERS = Set.of("token", "access_token", "id_token", "refresh_token",
            "assertion");
    private static final String REDACTED = "[redacted]";

    private MintCall() {
    }

    /**
     * A JSON answer to a minter's request.
     *
     * @param url    the endpoint that answered
     * @param status the status code
     * @param json   the object it answered (empty for an empty or non-JSON 4xx body)
     */
    public record Answer(String url, int status, Map<String, Object> json) {
        /** Whether the status is 2xx. */
        public boolean ok() {
            return status / 100 == 2;
        }

        /** The string member {@code name}, or {@code null}. */
        public String text(String name) {
            return json.get(name) instanceof String value && !value.isEmpty() ? value : null;
        }

        /**
         * What the endpoint said, for a failure's message: {@code "<url> answered <status>"} and
         * the issuer's own error words (its {@code error}, {@code error_description} or
         * {@code message} members), printable and short.
         */
        public String describe() {
            StringBuilder text = new StringBuilder(url).append(" answered ").append(status);
            for (String member : List.of("error", "error_description", "message")) {
                String value = text(member);
                if (value != null) {
                    text.append(member.equals("error") ? " " : ": ").append(printable(value));
                }
            }
            return text.toString();
        }
    }

    /**
     * POSTs {@code body} to {@code url}.
     *
     * @param headers     request headers besides {@code Content-Type}; an {@code Authorization}
     *                    value is never traced
     * @param contentType the body's type
     * @param body        the body as sent
     * @param tracedBody  the body as the trace shows it, its secrets replaced
     * @throws MintException not rejected: the endpoint gave no answer, a 5xx, or a 2xx that is not a JSON object
     */
    public static Answer post(MintContext context, String url, Map<String, String> headers, String contentType,
                              String body, String tracedBody) throws MintException {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url));
        } catch (IllegalArgumentException e) {
            throw new MintException(true, "bad_endpoint", "the token endpoint '" + printable(url) + "' is not a URL");
        }
        request.timeout(context.timeout()).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        PrintStream trace = context.trace();
        if (trace != null) {
            trace.println("> POST " + url);
            headers.forEach((name, value) -> trace.println("> " + name + ": "
                    + (name.equalsIgnoreCase("Authorization") ? value.split(" ", 2)[0] + " " + REDACTED : value)));
            if (!tracedBody.isEmpty()) {
                trace.println("> " + tracedBody);
            }
        }
        HttpResponse<byte[]> response = exchange(context, request.build(), url);
        return answer(response, url, trace);
    }

    private static HttpResponse<byte[]> exchange(MintContext context, HttpRequest request, String url)
            throws MintException {
        long started = System.nanoTime();
        try {
            HttpResponse<byte[]> response = context.http().send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (context.trace() != null) {
                context.trace().println("< " + response.statusCode() + " "
                        + response.headers().firstValue("Content-Type").orElse("") + " " + response.body().length
                        + " bytes in " + (System.nanoTime() - started) / 1_000_000 + " ms");
            }
            return response;
        } catch (HttpTimeoutException e) {
            throw new MintException(false, "timeout", url + " did not answer within " + context.timeout().toSeconds()
                    + " s");
        } catch (IOException e) {
            throw new MintException(false, "unreachable", url + " cannot be reached: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + printable(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MintException(false, "interrupted", "interrupted while calling " + url);
        }
    }

    private static Answer answer(HttpResponse<byte[]> response, String url, PrintStream trace) throws MintException {
        int status = response.statusCode();
        String type = response.headers().firstValue("Content-Type").orElse("no content type");
        Map<String, Object> json;
        try {
            json = response.body().length == 0 ? Map.of() : Json.parseObject(response.body());
        } catch (MalformedJsonException e) {
            json = null;
        }
        if (trace != null && json != null && !json.isEmpty()) {
            trace.println("< " + Json.writeLine(redacted(json)));
        }
        if (status >= 500) {
            Answer answer = new Answer(url, status, json == null ? Map.of() : json);
            throw new MintException(false, "http_" + status, answer.describe() + ": a server error, tried again on"
                    + " next use");
        }
        if (json == null || (json.isEmpty() && status / 100 == 2)) {
            if (status / 100 == 4) {
                return new Answer(url, status, Map.of());
            }
            throw new MintException(false, "not_json", url + " answered " + status + " with " + printable(type)
                    + " instead of a JSON object: is it the token endpoint?");
        }
        return new Answer(url, status, json);
    }

    /** {@code json} with the values of secret members replaced, at any depth. */
    static Map<String, Object> redacted(Map<?, ?> json) {
        Map<String, Object> copy = new LinkedHashMap<>();
        json.forEach((name, value) -> copy.put(String.valueOf(name), SECRET_MEMBERS.contains(String.valueOf(name))
                ? REDACTED : value instanceof Map<?, ?> nested ? redacted(nested) : value));
        return copy;
    }

    /** {@code text} without control characters, at most 200 of them: an issuer's words in a message. */
    public static String printable(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() > 200 ? clean.substring(0, 200) + "..." : clean;
    }
}
