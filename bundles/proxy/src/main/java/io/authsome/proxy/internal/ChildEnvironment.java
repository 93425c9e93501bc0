package io.authsome.proxy.internal;

import io.authsome.api.credential.Placeholder;
import io.authsome.api.credential.SecretVariables;
import io.authsome.api.provider.AuthType;
import io.authsome.common.plugin.ExportedFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment of a run's child: the caller's, with the proxy and trust variables of
 * {@code CLI.md} set, each credential variable of a routed provider set to a placeholder so SDKs
 * start (a plugin provider's fields that are not secret, such as a region, to their values), and
 * every variable of authsome's own removed ({@code AUTHSOME_HOME}, the secret ones of
 * {@link SecretVariables} and any other {@code AUTHSOME_*}), so that nothing leads the child to
 * the vault. No real secret is added.
 */
final class ChildEnvironment {
    /** The value of every credential variable in the child. */
    static final String PLACEHOLDER = Placeholder.VALUE;
    /** Reached directly, never through the proxy. */
    static final String NO_PROXY = "localhost,127.0.0.1,::1";
    private static final List<String> CA_VARIABLES = List.of("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE",
            "GIT_SSL_CAINFO", "NODE_EXTRA_CA_CERTS", "DENO_CERT", "AWS_CA_BUNDLE");

    private ChildEnvironment() {
    }

    /**
     * @param inherited   the environment authsome was started with
     * @param port        the proxy's port on 127.0.0.1
     * @param credentials the run's proxy credentials
     * @param trust       the child's trust files
     * @param targets     the providers whose credentials the proxy injects
     */
    static Map<String, String> of(Map<String, String> inherited, int port, ProxyCredentials credentials,
                                  ChildTrust trust, List<RouteTable.Target> targets) {
        Map<String, String> env = new LinkedHashMap<>(inherited);
        env.keySet().removeIf(name -> name.startsWith(SecretVariables.PREFIX));
        for (RouteTable.Target target : targets) {
            if (target.provider().definition().authType() == AuthType.PLUGIN) {
                pluginVariables(env, target);
                continue;
            }
            target.provider().definition().envNames().forEach(name -> env.put(name, PLACEHOLDER));
            if (target.provider().definition().apiKey() != null && target.provider().definition().apiKey().envVar() != null) {
                env.put(target.provider().definition().apiKey().envVar(), PLACEHOLDER);
            }
        }
        String proxy = "http://" + ProxyCredentials.USER + ":" + credentials.password() + "@127.0.0.1:" + port;
        for (String name : List.of("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy")) {
            env.put(name, proxy);
        }
        env.put("NO_PROXY", NO_PROXY);
        env.put("no_proxy", NO_PROXY);
        // Node.js 22.21+ and 24.5+ route fetch() and http through HTTPS_PROXY only when asked to.
        env.put("NODE_USE_ENV_PROXY", "1");
        CA_VARIABLES.forEach(name -> env.put(name, trust.bundle().toString()));
        String jvm = String.join(" ",
                "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=" + port,
                "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=" + port,
                "-Dhttp.nonProxyHosts=localhost|127.0.0.1|[::1]",
                jvmOption("javax.net.ssl.trustStore", trust.trustStore().toString()), "-Djavax.net.ssl.trustStoreType=JKS",
                "-Djavax.net.ssl.trustStorePassword=" + ChildTrust.TRUST_STORE_PASSWORD);
        String existing = inherited.get("JAVA_TOOL_OPTIONS");
        env.put("JAVA_TOOL_OPTIONS", existing == null || existing.isBlank() ? jvm : jvm + " " + existing);
        return env;
    }

    /**
     * A plugin provider's variables: a field that is not secret (a region) has its value, so that
     * SDKs start as configured; a secret one (and a minted token) the placeholder; one the
     * connection does not hold is removed, so that no inherited value reaches the child.
     */
    private static void pluginVariables(Map<String, String> env, RouteTable.Target target) {
        for (ExportedFields.Variable variable : ExportedFields.variables(target.provider().definition(),
                target.attributes())) {
            switch (variable.kind()) {
                case VALUE -> env.put(variable.variable(), variable.value());
                case SECRET -> env.put(variable.variable(), PLACEHOLDER);
                case ABSENT -> env.remove(variable.variable());
            }
        }
    }

    /**
     * {@code -Dname=value} for {@code JAVA_TOOL_OPTIONS}, which the JVM splits at whitespace: a
     * value with whitespace or a quote (a home such as {@code /home/Jane Doe}) is quoted, with the
     * quote character it does not contain; the JVM removes the quotes.
     */
    static String jvmOption(String name, String value) {
        if (value.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'')) {
            return "-D" + name + "=" + value;
        }
        char quote = value.indexOf('"') < 0 ? '"' : '\'';
        return "-D" + name + "=" + quote + value + quote;
    }
}
