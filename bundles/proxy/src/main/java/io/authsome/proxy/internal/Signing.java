package io.authsome.proxy.internal;

import io.authsome.api.plugin.CredentialInjector;
import io.authsome.api.plugin.InjectionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request whose credential a plugin's injector sets: the body read and hashed first when the
 * injector's credential covers it, then the injector's headers; after a refusal the injector
 * learned from, the headers again. A plugin that throws fails this request only, with a
 * {@link PluginFailure} whose message is fit to show. Not thread-safe.
 */
final class Signing {
    private final CredentialSource.Signer signer;
    private final HttpHead head;
    private final PluginRequest request;

    Signing(CredentialSource.Signer signer, HttpHead head, Exchange.Target target, MessageBody body) {
        this.signer = signer;
        this.head = head;
        this.request = new PluginRequest(head, target, body.isEmpty() ? 0 : body.length());
    }

    /**
     * Reads the whole body from {@code in} when the injector needs its hash, so that it can be
     * signed; the body is then sent with a length, not chunked.
     *
     * @param held the body already held in memory, or {@code null}
     * @return the held body (which the request must be sent with), or {@code null}: the body streams
     */
    Spool prepare(MessageBody body, InputStream in, Spool held) throws IOException, PluginFailure {
        boolean hash;
        try {
            hash = signer.injector().needsPayloadHash(request);
        } catch (RuntimeException e) {
            throw PluginFailure.of(e);
        }
        if (!hash) {
            return held;
        }
        Spool spool = held != null ? held : body.isEmpty() ? Spool.of(new byte[0]) : Spool.read(body, in);
        if (body.framing() == MessageBody.Framing.CHUNKED) {
            head.remove("Transfer-Encoding");
            head.set("Content-Length", Long.toString(spool.length()));
        }
        request.payload(spool.length(), spool.sha256());
        return spool;
    }

    /** Lets the injector set the request's headers. */
    void sign() throws PluginFailure {
        try {
            signer.injector().inject(request, signer.fields());
        } catch (InjectionException e) {
            throw new PluginFailure(e.getMessage());
        } catch (RuntimeException e) {
            throw PluginFailure.of(e);
        }
    }

    /** Whether the injector learned from {@code refusal} and wants the request signed and sent again. */
    boolean retry(HttpHead response, int status, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : response.names()) {
            headers.put(name.toLowerCase(Locale.ROOT), response.values(name));
        }
        try {
            return signer.injector().retry(request, new CredentialInjector.Refusal(status, headers,
                    new String(body, StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Statuses an injector is shown when the request can be sent again. */
    static boolean refusal(int status) {
        return status == 400 || status == 401 || status == 403;
    }

    /** A plugin that could not prepare a request. The message names what failed, never a secret. */
    static final class PluginFailure extends Exception {
        private static final long serialVersionUID = 1L;

        PluginFailure(String message) {
            super(message, null, false, false);
        }

        /** A plugin that threw: only the exception's class is told, as its message may hold anything. */
        static PluginFailure of(RuntimeException e) {
            return new PluginFailure("the plugin failed (" + e.getClass().getName() + ")");
        }
    }
}
