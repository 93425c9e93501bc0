package io.authsome.proxy.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.provider.AuthType;
import io.authsome.common.text.NextStep;
import java.util.List;

/**
 * What the proxy does when an API rejects an injected credential: renews it after a 401 (at once
 * for a retry, or in the background for the requests that follow), and names the missing scopes
 * after a 403 about scopes. Each case is told to the person once per run, with its next step.
 * Thread-safe.
 */
final class Rejections {
    private final ProxyContext context;

    Rejections(ProxyContext context) {
        this.context = context;
    }

    /**
     * The header to retry a request with after {@code host} answered 401 to {@code rejected}, or
     * {@code null} (with a warning) when the credential cannot be renewed.
     */
    CredentialSource.Header renew(RouteTable.Inject inject, String host, CredentialSource.Header rejected) {
        try {
            return context.credentials().renewed(inject.target(), rejected);
        } catch (AuthsomeException e) {
            String provider = inject.provider().name();
            context.warnOnce("401 " + provider, provider + "/" + inject.target().connection() + " was rejected by "
                    + host + " (401) and could not be renewed: " + e.getMessage() + "; next: "
                    + (e.nextStep() != null ? e.nextStep() : NextStep.credentialRejected(provider)));
            return null;
        }
    }

    /**
     * A 401 that goes to the client: a warning, and unless a renewal was already tried, a renewal
     * in the background for the requests that follow (a refresh the provider rejects marks the
     * connection {@code invalid}).
     */
    void unauthorized(RouteTable.Inject inject, String host, CredentialSource.Header rejected, boolean renewalTried) {
        String provider = inject.provider().name();
        context.warnOnce("401 " + provider, provider + "/" + inject.target().connection() + " was rejected by " + host
                + " (401); if it goes on: " + NextStep.credentialRejected(provider));
        if (renewalTried) {
            return;
        }
        context.threads().execute(() -> {
            try {
                context.credentials().renewed(inject.target(), rejected);
            } catch (AuthsomeException e) {
                // The resolver recorded the connection's new state; the warning names the next step.
            }
        });
    }

    /**
     * After a 403: when it is about scopes, names the missing and granted scopes and the login
     * that asks for all of them (never a new provider).
     *
     * @return the missing scopes, space-separated (empty when the API did not name them), or
     *         {@code null} when the 403 is not about scopes
     */
    String forbidden(RouteTable.Inject inject, HttpHead response) {
        List<String> needed = InsufficientScope.needed(response);
        if (needed == null) {
            return null;
        }
        String provider = inject.provider().name();
        String granted = context.credentials().grantedScopes(inject.target());
        String missing = needed.isEmpty() ? "a scope it did not name" : "scopes " + String.join(" ", needed);
        String next = inject.provider().definition().authType() == AuthType.OAUTH2 && !needed.isEmpty()
                ? NextStep.missingScopes(provider, InsufficientScope.union(granted, needed))
                : NextStep.login(provider) + " --force, with a credential that has them";
        context.warnOnce("403 " + provider + " " + missing, provider + "/" + inject.target().connection() + " lacks "
                + missing + " for " + inject.route() + " (403; granted: " + (granted == null ? "unknown" : granted)
                + "); next: " + next);
        return String.join(" ", needed);
    }
}
