package io.authsome.store.internal;

import io.authsome.api.config.AuditConfig;
import io.authsome.api.config.CallbackConfig;
import io.authsome.api.config.Config;
import io.authsome.api.config.DaemonConfig;
import io.authsome.api.config.HttpConfig;
import io.authsome.api.config.ProxyConfig;
import io.authsome.api.config.RefreshConfig;
import io.authsome.api.config.Setting;
import io.authsome.api.config.StoreConfig;
import io.authsome.api.vault.Vault;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The typed settings of a parsed {@code config.json}. A dotted name is a nested member
 * ({@code refresh.lead_seconds} is the member {@code lead_seconds} of the object {@code refresh}).
 * A missing member or a value of the wrong type gives the default: settings never stop a command,
 * except the {@link Setting}s, which stop the command that uses them.
 */
final class ConfigParser {
    static final String CALLBACK_PORT = "callback.port";
    static final String UNCONNECTED = "proxy.unconnected";
    static final String HTTP2 = "proxy.http2";
    static final String PROXY_PORT = "daemon.proxy_port";
    static final String SOCKET_GROUP = "daemon.socket_group";
    static final String UI_PORT = "daemon.ui_port";
    static final String STORE_BACKEND = "store.backend";
    /** A group name as useradd(8) and groupadd(8) take it, at most 32 characters. */
    private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_.-]{0,30}[A-Za-z0-9_.$-]?");

    private final Map<String, Object> root;
    private final Path file;

    private ConfigParser(Map<String, Object> root, Path file) {
        this.root = root;
        this.file = file;
    }

    /** The settings of {@code root}, the members of {@code file}. */
    static Config parse(Map<String, Object> root, Path file) {
        ConfigParser config = new ConfigParser(root, file);
        return new Config(
                root.get(HomeConfig.PROFILE) instanceof String profile ? profile : Vault.DEFAULT_PROFILE,
                new CallbackConfig(config.port(CALLBACK_PORT, CallbackConfig.DEFAULT_PORT)),
                new RefreshConfig(config.number("refresh.lead_seconds", RefreshConfig.DEFAULT_LEAD_SECONDS)),
                new HttpConfig(config.number("http.timeout_seconds", HttpConfig.DEFAULT_TIMEOUT_SECONDS),
                        config.number("http.connect_timeout_seconds", HttpConfig.DEFAULT_CONNECT_TIMEOUT_SECONDS)),
                new AuditConfig(config.number("audit.max_bytes", AuditConfig.DEFAULT_MAX_BYTES),
                        config.number("audit.keep", AuditConfig.DEFAULT_KEEP)),
                new ProxyConfig(config.text("proxy.upstream_ca_file", null), config.texts("proxy.resolve"),
                        config.unconnected(), config.flag(HTTP2, true)),
                new DaemonConfig(config.port(PROXY_PORT, DaemonConfig.DEFAULT_PROXY_PORT, 0, "0 for no shared proxy"),
                        config.socketGroup(), config.port(UI_PORT, DaemonConfig.DEFAULT_UI_PORT, 0, "0 for no dashboard")),
                new StoreConfig(config.backend(), config.text("store.url", ""), config.text("store.user", ""),
                        config.text("store.password_file", ""), config.text("store.member", "")));
    }

    /**
     * {@code daemon.socket_group}: a group name, or nothing when it is missing or empty; anything
     * else (not a string, not a group name) is a problem for the daemon, which then does not start.
     */
    private Setting<Optional<String>> socketGroup() {
        Object value = value(SOCKET_GROUP);
        if (value == null || value instanceof String text && text.isBlank()) {
            return Setting.of(Optional.empty());
        }
        if (value instanceof String text && GROUP_NAME.matcher(text).matches()) {
            return Setting.of(Optional.of(text));
        }
        String shown = value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
        return Setting.invalid(SOCKET_GROUP + " in " + file + " is " + (shown.length() > 40 ? shown.substring(0, 40)
                        + "..." : shown) + ", not a group name",
                "set " + SOCKET_GROUP + " in " + file + " to the name of the group that may reach the daemon"
                        + " (see docs/daemon.md), or remove it");
    }

    /**
     * A TCP port: {@code fallback} when it is missing. A port that is set but not a whole number
     * from 1 to 65535 is a problem for the command that would listen on it: listening elsewhere
     * would break the registered address.
     */
    private Setting<Integer> port(String name, int fallback) {
        return port(name, fallback, 1, null);
    }

    /**
     * A TCP port from {@code lowest} to 65535; {@code off} names what {@code lowest} means when it
     * is below 1 ({@code null} otherwise).
     */
    private Setting<Integer> port(String name, int fallback, int lowest, String off) {
        Object value = value(name);
        if (value == null) {
            return Setting.of(fallback);
        }
        if (value instanceof Long number && number >= lowest && number <= 65535) {
            return Setting.of(number.intValue());
        }
        String shown = value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
        return Setting.invalid(name + " in " + file + " is " + (shown.length() > 40 ? shown.substring(0, 40) + "..."
                        : shown) + ", not a port number from " + lowest + " to 65535",
                "set " + name + " in " + file + " to a free port from 1024 to 65535 (default " + fallback
                        + (off == null ? "" : "; " + off) + "), or remove it");
    }

    /** {@code store.backend}: {@code file} or {@code postgres}; another value is a problem for every command that uses the vault. */
    private Setting<String> backend() {
        String value = text(STORE_BACKEND, StoreConfig.FILE);
        if (value.equals(StoreConfig.FILE) || value.equals(StoreConfig.POSTGRES)) {
            return Setting.of(value);
        }
        return Setting.invalid(STORE_BACKEND + " in " + file + " is '" + value + "'; it must be \"" + StoreConfig.FILE
                + "\" or \"" + StoreConfig.POSTGRES + "\"", "set " + STORE_BACKEND + " to \"" + StoreConfig.FILE
                + "\" or \"" + StoreConfig.POSTGRES + "\" in " + file + " (see docs/team.md)");
    }

    /** A boolean: {@code fallback} when it is missing; any other value is a problem for the command that uses it. */
    private Setting<Boolean> flag(String name, boolean fallback) {
        Object value = value(name);
        if (value == null) {
            return Setting.of(fallback);
        }
        if (value instanceof Boolean flag) {
            return Setting.of(flag);
        }
        String shown = value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
        return Setting.invalid(name + " in " + file + " is " + (shown.length() > 40 ? shown.substring(0, 40) + "..."
                : shown) + ", not true or false", "set " + name + " to true or false (no quotes) in " + file
                + ", or remove it (default " + fallback + ")");
    }

    /** {@code proxy.unconnected}: {@code answer} or {@code pass} in any case; another string is a problem for {@code run}. */
    private Setting<ProxyConfig.Unconnected> unconnected() {
        String value = text(UNCONNECTED, ProxyConfig.Unconnected.ANSWER.name().toLowerCase(Locale.ROOT));
        try {
            return Setting.of(ProxyConfig.Unconnected.valueOf(value.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Setting.invalid(UNCONNECTED + " in " + file + " is '" + value + "'; it must be \"answer\" or \"pass\"",
                    "set " + UNCONNECTED + " to \"answer\" or \"pass\" in " + file);
        }
    }

    private long number(String name, long fallback) {
        return value(name) instanceof Number number ? number.longValue() : fallback;
    }

    /** A string, or {@code fallback} when it is missing, empty or not a string. */
    private String text(String name, String fallback) {
        return value(name) instanceof String text && !text.isBlank() ? text : fallback;
    }

    /** The string members of an object, in file order; empty when it is missing or not an object. */
    private Map<String, String> texts(String name) {
        Map<String, String> texts = new LinkedHashMap<>();
        if (value(name) instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (value instanceof String text) {
                    texts.put(String.valueOf(key), text);
                }
            });
        }
        return texts;
    }

    private Object value(String name) {
        Object current = root;
        for (String part : name.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }
}
