package io.authsome.api.plugin;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** What a mint may use besides the connection's fields: the runtime's HTTP client and settings. */
@ProviderType
public interface MintContext {
    /** The HTTP client to reach token endpoints with (the home's {@code http.*} settings, no redirects). */
    HttpClient http();

    /** How long one request may take ({@code http.timeout_seconds}). */
    Duration timeout();

    /** The scopes the connection was logged in with ({@code login --scopes}), else the provider's defaults. */
    List<String> scopes();

    /** The connection's own base URL ({@code login --base-url}), for self-hosted services. */
    Optional<String> baseUrl();

    /** Where round trips are printed for {@code --verbose}, or {@code null}; never print a secret there. */
    PrintStream trace();
}
