package io.authsome.api.plugin;

import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One request on its way from a client to an API host through the proxy, as a
 * {@link CredentialInjector} sees it: its start line and headers as they will be sent (hop-by-hop
 * fields already removed), which the injector may change. Not thread-safe: it belongs to the
 * call it is passed to.
 */
@ProviderType
public interface OutgoingRequest {
    /** The method, e.g. {@code GET}. */
    String method();

    /** The host the request goes to, lowercase, without port. */
    String host();

    /** The port the request goes to. */
    int port();

    /** The path as the client sent it, percent-encoding kept, without the query. */
    String rawPath();

    /** The query as the client sent it, without the {@code ?}; empty when there is none. */
    String rawQuery();

    /** The names of the request's header fields, each once, in the order they first appear. */
    List<String> headerNames();

    /** The values of header field {@code name} (case-insensitive), in order; empty when absent. */
    List<String> header(String name);

    /** Replaces every field named {@code name} by one with {@code value}. */
    void setHeader(String name, String value);

    /** Removes every field named {@code name}. */
    void removeHeader(String name);

    /**
     * The length of the body as it will be sent: 0 for none, -1 when the client streams it
     * without a length (chunked) and the injector did not ask for its hash.
     */
    long contentLength();

    /**
     * The SHA-256 of the body, lowercase hex (that of no bytes for an empty body).
     *
     * @throws IllegalStateException when {@link CredentialInjector#needsPayloadHash} answered
     *                               {@code false} for this request: the body is streamed unread
     */
    String payloadSha256();

    /** The time to sign with: the proxy's clock. */
    Instant now();
}
