package io.authsome.oauth.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.config.Configuration;
import io.authsome.api.login.LoginFailure.Reason;
import io.authsome.api.login.LoginFailure;
import io.authsome.api.login.LoginFlow;
import io.authsome.api.login.LoginInteraction;
import io.authsome.api.login.LoginRequest;
import io.authsome.api.provider.Flow;
import io.authsome.api.provider.OAuthSettings;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.OAuthClient;
import io.authsome.api.vault.Vault;
import io.authsome.common.text.NextStep;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code device_code} flow (RFC 8628), for machines without a browser: shows the
 * verification URI and user code, then polls the token endpoint at the server's interval,
 * slowing down when told to, until the user approves, refuses, or the code expires.
 */
@Component(property = LoginFlow.FLOW + "=device_code")
public final class DeviceCodeFlow implements LoginFlow {
    static final String GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    private static final long SLOW_DOWN_SECONDS = 5;

    @Reference
    private Vault vault;

    @Reference
    private Configuration configuration;

    @Override
    public Connection login(LoginRequest request) throws AuthsomeException {
        LoginSetup setup = LoginSetup.prepare(request, vault, Flow.DEVICE_CODE, configuration.current());
        TokenEndpoint http = setup.http();
        String provider = setup.provider();
        try {
            Endpoints endpoints = Endpoints.resolve(setup.oauth(), request.baseUrl(), http);
            if (endpoints.deviceAuthorization() == null) {
                throw new AuthsomeException(ErrorCode.NOT_ALLOWED, provider + " does not support the device flow",
                        NextStep.login(provider, request.scopes()) + " --flow pkce");
            }
            Map<String, String> form = new LinkedHashMap<>();
            if (!setup.scopes().isEmpty()) {
                form.put("scope", String.join(" ", setup.scopes()));
            }
            Map<String, Object> device = http.post(endpoints.deviceAuthorization(), form, setup.client(), setup.oauth());
            if (!(device.get("device_code") instanceof String deviceCode) || !(device.get("user_code") instanceof String userCode)) {
                throw new OAuthError(OAuthError.Kind.TRANSIENT, "bad_device_response",
                        endpoints.deviceAuthorization() + " answered without device_code or user_code");
            }
            String uri = String.valueOf(device.getOrDefault("verification_uri", device.get("verification_url")));
            String complete = device.get("verification_uri_complete") instanceof String c ? c : null;
            request.interaction().visit("device_authorization", complete != null ? complete : uri, userCode,
                    request.noBrowser() ? null : complete);
            long interval = number(device.get("interval"), 5);
            long expiresIn = number(device.get("expires_in"), request.timeout().toSeconds());
            Instant deadline = Instant.now().plusSeconds(Math.min(expiresIn, request.timeout().toSeconds()));
            TokenResponse tokens;
            try (LoginInteraction.Waiting waiting = request.interaction().waiting("device",
                    "the device code to be approved", Duration.between(Instant.now(), deadline))) {
                tokens = poll(http, endpoints.token(), deviceCode, setup.client(), setup.oauth(), interval, deadline,
                        request);
            }
            return setup.succeeded(TokenConnections.login(provider, request.connection(), tokens, setup.scopes(),
                    request.baseUrl(), setup.client(), Instant.now()));
        } catch (OAuthError e) {
            throw OAuthFailures.atLogin(e, request, setup.client());
        }
    }

    private static TokenResponse poll(TokenEndpoint http, String tokenUrl, String deviceCode, OAuthClient client,
                                      OAuthSettings oauth, long interval, Instant deadline, LoginRequest request)
            throws OAuthError, AuthsomeException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", GRANT);
        form.put("device_code", deviceCode);
        long wait = interval;
        while (true) {
            sleep(wait);
            if (Instant.now().isAfter(deadline)) {
                throw new LoginFailure(Reason.TIMED_OUT, ErrorCode.AUTHENTICATION_FAILED, "the device code expired"
                        + " before the login was approved", NextStep.login(request.provider().name(), request.scopes())
                        + " --flow device_code");
            }
            try {
                return http.grant(tokenUrl, form, client, oauth);
            } catch (OAuthError e) {
                switch (e.error()) {
                    case "authorization_pending" -> {
                        // The person has not acted yet: the progress line shows the time left.
                    }
                    case "slow_down" -> wait += SLOW_DOWN_SECONDS;
                    default -> throw e;
                }
            }
        }
    }

    private static void sleep(long seconds) throws AuthsomeException {
        try {
            Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginFailure(Reason.INTERRUPTED, ErrorCode.AUTHENTICATION_FAILED, "the login was interrupted",
                    null);
        }
    }

    private static long number(Object value, long fallback) {
        return value instanceof Number n && n.longValue() > 0 ? n.longValue() : fallback;
    }
}
