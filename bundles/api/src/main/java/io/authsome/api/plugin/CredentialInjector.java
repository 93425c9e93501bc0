package io.authsome.api.plugin;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Sets the credential headers of each request to a provider's hosts itself, for credentials a
 * header template cannot express: a request signature such as AWS SigV4. The proxy calls it for
 * every request routed to a provider that names it, after removing hop-by-hop fields and before
 * sending. Headers the client set to carry its own credential (placeholders) must be replaced or
 * removed. Called from many threads at once; must not block on the network.
 */
@ConsumerType
public interface CredentialInjector extends CredentialPlugin {
    /**
     * Whether the credential covers the request's body. When it does, the proxy reads the whole
     * body first, hashing it as it arrives (held in memory up to a limit, beyond it in a private
     * temporary file), so that {@link OutgoingRequest#payloadSha256()} is known; when it does not,
     * the body is streamed on unread and unbuffered.
     */
    boolean needsPayloadHash(OutgoingRequest request);

    /**
     * Sets the headers that carry {@code fields}' credential on {@code request}.
     *
     * @throws InjectionException when the request cannot be prepared; it is then not sent
     */
    void inject(OutgoingRequest request, ConnectionFields fields) throws InjectionException;

    /**
     * Reads an API's refusal of a request this injector prepared, to learn from it (a clock skew
     * from the server's {@code Date}, say). Called only for 400, 401 and 403 answers of requests
     * the proxy can send again.
     *
     * @return {@code true} when the request should be prepared again with {@link #inject} and sent
     *         once more; the default is {@code false}
     */
    default boolean retry(OutgoingRequest request, Refusal refusal) {
        return false;
    }

    /**
     * An API's answer refusing a request.
     *
     * @param status  the status code
     * @param headers the answer's header fields, names in lowercase
     * @param body    the start of the body (up to 64 KiB) as UTF-8 text
     */
    record Refusal(int status, Map<String, List<String>> headers, String body) {
        public Refusal {
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }

        /** The first value of header {@code name} (lowercase), or {@code null}. */
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }
}
