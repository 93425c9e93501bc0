package io.authsome.api.config;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The settings of the home's {@code config.json}. The file is parsed again only when it changed
 * (its modification time, size or file identity), so {@link #current()} is cheap enough to call
 * on every use of a setting, and a long-lived process sees an edit at the next call.
 *
 * <p>Reading never fails: a missing file, a file that is not valid JSON, a missing member or a
 * member of the wrong type gives that setting's default. Settings whose wrong value must stop the
 * command that uses them (a port, {@code proxy.unconnected}) are a {@link Setting}, checked with
 * {@link Setting#require()} by that command only.
 *
 * <p>Implemented by the store bundle, the writer of {@code config.json}; thread-safe.
 *
 * @since 1.0
 */
@ProviderType
public interface Configuration {
    /**
     * The settings as {@code config.json} holds them now.
     *
     * @return the settings; never {@code null}
     */
    Config current();
}
