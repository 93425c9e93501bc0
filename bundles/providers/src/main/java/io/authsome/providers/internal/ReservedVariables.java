package io.authsome.providers.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Environment variable names a provider definition may not claim for {@code api_key.env_var} or
 * {@code export.env}: {@code login} and {@code scan --import} would store their values as the
 * provider's key (and the proxy send it to the provider's host), and {@code run} sets every
 * provider variable to a placeholder in the child, where these names steer the child itself
 * (what runs, what it loads, whom it trusts, where its traffic goes) or authsome.
 */
final class ReservedVariables {
    /** Names compared without regard to case: proxies are read in either case. */
    private static final Set<String> NAMES = Set.of(
            // what runs and where
            "PATH", "HOME", "USER", "LOGNAME", "SHELL", "PWD", "TMPDIR", "IFS", "ENV", "BASH_ENV", "PS4",
            "PROMPT_COMMAND", "CDPATH", "LANG", "TERM",
            // where traffic goes
            "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY", "FTP_PROXY",
            // whom the child trusts: the variables of authsome run, and OpenSSL's directory
            "SSL_CERT_FILE", "SSL_CERT_DIR", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "GIT_SSL_CAINFO",
            "NODE_EXTRA_CA_CERTS", "DENO_CERT", "AWS_CA_BUNDLE",
            // what the child loads
            "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "CLASSPATH", "NODE_OPTIONS", "NODE_PATH",
            "PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME", "PERL5OPT", "PERL5LIB", "RUBYOPT", "RUBYLIB",
            "GIT_SSH_COMMAND", "GIT_EXEC_PATH", "SSH_AUTH_SOCK");
    /** Prefixes of whole families: authsome's own, the dynamic loader's. */
    private static final List<String> PREFIXES = List.of("AUTHSOME_", "LD_", "DYLD_");

    private ReservedVariables() {
    }

    /** Why {@code name} may not be claimed, or empty when it may. */
    static Optional<String> reason(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (String prefix : PREFIXES) {
            if (upper.startsWith(prefix)) {
                return Optional.of("'" + name + "' is reserved: no provider may claim a " + prefix + "* variable");
            }
        }
        if (NAMES.contains(upper)) {
            return Optional.of("'" + name + "' is reserved: it steers the programs authsome run starts"
                    + " (or authsome itself); name the provider's own variable, e.g. ACME_API_KEY");
        }
        return Optional.empty();
    }
}
