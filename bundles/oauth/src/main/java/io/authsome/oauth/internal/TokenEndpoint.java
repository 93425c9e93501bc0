package io.authsome.oauth.internal;

import io.authsome.api.provider.ClientAuthentication;
import io.authsome.api.provider.OAuthSettings;
import io.authsome.api.provider.TokenRequestFormat;
import io.authsome.api.vault.OAuthClient;
import io.authsome.api.vault.Secret;
import io.authsome.common.json.Json;
import io.authsome.common.json.MalformedJsonException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Calls the endpoints of an authorization server: token requests (form or JSON body, client
 * authentication in the body or with HTTP Basic) and their answers, classified into
 * {@link OAuthError}s. Thread-safe.
 */
final class TokenEndpoint {
    /** Form fields whose values are secrets: a trace shows their names only. */
    static final java.util.Set<String> SECRET_FIELDS = java.util.Set.of("code", "code_verifier",
            "refresh_token", "client_secret", "token", "device_code", "access_token", "password", "id_token",
            "registration_access_token", "assertion", "client_assertion");

    private final HttpClient http;
    private final Duration timeout;
    private final java.util.function.Consumer<String> trace;

    /**
     * @param trace where {@code --verbose} round trips go, a line at a time, secrets redacted; {@code null} for none
     */
    TokenEndpoint(HttpClient http, Duration timeout, java.util.function.Consumer<String> trace) {
        this.http = http;
        this.timeout = timeout;
        this.trace = trace;
    }

    /** This endpoint client, tracing round trips to {@code trace}. */
    TokenEndpoint tracing(java.io.PrintStream trace) {
        return tracing(trace::println);
    }

    /** This endpoint client, tracing round trips a line at a time to {@code trace}. */
    TokenEndpoint tracing(java.util.function.Consumer<String> trace) {
        return new TokenEndpoint(http, timeout, trace);
    }

    /** A token request ({@code grant_type} and its parameters in {@code form}). */
    TokenResponse grant(String url, Map<String, String> form, OAuthClient client, OAuthSettings settings)
            throws OAuthError {
        Map<String, Object> json = post(url, form, client, settings);
        Object nested = settings.tokenResponsePath() == null ? json : json.get(settings.tokenResponsePath());
        Map<?, ?> tokens = nested instanceof Map<?, ?> map && map.get("access_token") != null ? map : json;
        if (!(tokens.get("access_token") instanceof String access) || access.isEmpty()) {
            throw new OAuthError(OAuthError.Kind.TRANSIENT, "no_access_token", "the token endpoint " + url
                    + " answered without an access_token");
        }
        Long expiresIn = tokens.get("expires_in") instanceof Number n ? n.longValue()
                : tokens.get("expires_in") instanceof String s && s.matches("\\d+") ? Long.valueOf(s) : null;
        return new TokenResponse(Secret.of(access),
                tokens.get("refresh_token") instanceof String refresh && !refresh.isEmpty() ? Secret.of(refresh) : null,
                expiresIn, tokens.get("scope") instanceof String scope ? scope : null,
                tokens.get("token_type") instanceof String type ? type : "Bearer", account(json));
    }

    /**
     * POSTs {@code form} to {@code url} as the provider wants it and returns the JSON answer of a
     * 2xx response.
     */
    Map<String, Object> post(String url, Map<String, String> form, OAuthClient client, OAuthSettings settings)
            throws OAuthError {
        return send(formRequest(url, form, client, settings), url);
    }

    /**
     * A revocation request (RFC 7009): a {@code 200} answer is success whatever its body (some
     * servers answer a token they already forgot with {@code 200 {"error":"invalid_token"}}).
     */
    void revoke(String url, Map<String, String> form, OAuthClient client, OAuthSettings settings) throws OAuthError {
        HttpResponse<byte[]> response = exchange(formRequest(url, form, client, settings), url);
        if (response.statusCode() != 200) {
            answer(response, url);
        }
    }

    private HttpRequest formRequest(String url, Map<String, String> form, OAuthClient client, OAuthSettings settings) {
        Map<String, String> body = new LinkedHashMap<>(form);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Accept", "application/json");
        boolean basic = client != null && settings.clientAuthentication() == ClientAuthentication.CLIENT_SECRET_BASIC
                && client.clientSecret() != null;
        if (client != null) {
            if (basic) {
                String pair = encode(client.clientId()) + ":" + encode(client.clientSecret().reveal());
                request.header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
            } else {
                body.put("client_id", client.clientId());
                if (client.clientSecret() != null) {
                    body.put("client_secret", client.clientSecret().reveal());
                }
            }
        }
        trace("> POST " + url + " " + redacted(body) + (basic ? " (client authenticated with HTTP Basic)" : ""));
        if (settings.tokenRequestFormat() == TokenRequestFormat.JSON) {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.writeLine(body)));
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(formEncode(body)));
        }
        return request.build();
    }

    /** A request to {@code url} with this client's timeout, for calls that are not token requests. */
    HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Accept", "application/json");
    }

    /** Sends a prepared request (registration, discovery) and returns the JSON object of a 2xx answer. */
    Map<String, Object> send(HttpRequest request, String url) throws OAuthError {
        return answer(exchange(request, url), url);
    }

    /** One round trip, traced; a failure to get any answer is transient. */
    private HttpResponse<byte[]> exchange(HttpRequest request, String url) throws OAuthError {
        HttpResponse<byte[]> response;
        long started = System.nanoTime();
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            trace("< " + response.statusCode() + " " + response.headers().firstValue("Content-Type").orElse("")
                    + " " + response.body().length + " bytes in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        } catch (HttpTimeoutException e) {
            throw new OAuthError(OAuthError.Kind.TRANSIENT, "timeout", url + " did not answer within "
                    + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new OAuthError(OAuthError.Kind.TRANSIENT, "unreachable", url + " cannot be reached: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OAuthError(OAuthError.Kind.TRANSIENT, "interrupted", "interrupted while calling " + url);
        }
        return response;
    }

    /** The JSON object of a 2xx answer without an OAuth {@code error}; anything else, classified. */
    private Map<String, Object> answer(HttpResponse<byte[]> response, String url) throws OAuthError {
        int status = response.statusCode();
        if (status / 100 != 2) {
            traceBody(response);
        }
        if (response.body().length == 0 && status / 100 == 2) {
            return Map.of();
        }
        Map<String, Object> json;
        try {
            json = Json.parseObject(response.body());
        } catch (MalformedJsonException e) {
            String type = response.headers().firstValue("Content-Type").orElse("no content type");
            // A 4xx page is a refusal, not an outage: only 2xx and 5xx garbage is worth a retry.
            OAuthError.Kind kind = status / 100 == 4 ? OAuthError.Kind.OTHER : OAuthError.Kind.TRANSIENT;
            throw new OAuthError(kind, "not_json", url + " answered " + status + " with " + type + " instead of JSON");
        }
        if (status / 100 == 2 && json.get("error") == null) {
            return json;
        }
        if (status / 100 == 2) {
            // A 2xx that carries an OAuth error (GitHub's token endpoint does this): show it as a failure.
            traceBody(response);
        }
        String error = json.get("error") instanceof String e ? LoopbackCallback.printable(e) : "http_" + status;
        String description = json.get("error_description") instanceof String d ? ": " + LoopbackCallback.printable(d) : "";
        OAuthError.Kind kind = status >= 500 ? OAuthError.Kind.TRANSIENT : OAuthError.classify(error);
        throw new OAuthError(kind, error, url + " answered " + status + " " + error + description);
    }

    /** With --verbose, the body of an answer that is a failure, secrets redacted. */
    private void traceBody(HttpResponse<byte[]> response) {
        trace("< " + (response.body().length == 0 ? "(no body)" : RedactedBody.of(response.body())));
    }

    private void trace(String line) {
        if (trace != null) {
            trace.accept(line);
        }
    }

    /** The form as {@code name=value} pairs, the values of secret fields replaced. */
    static String redacted(Map<String, String> form) {
        return form.entrySet().stream().map(e -> e.getKey() + "=" + (SECRET_FIELDS.contains(e.getKey())
                ? "[redacted]" : e.getValue())).collect(Collectors.joining("&"));
    }

    private static String account(Map<String, Object> json) {
        for (String key : new String[] {"account", "email", "login", "user_id"}) {
            if (json.get(key) instanceof String value && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    static String formEncode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
