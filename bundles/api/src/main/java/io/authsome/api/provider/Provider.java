package io.authsome.api.provider;

import java.util.Objects;

/**
 * A provider known to the runtime: its definition and where it came from. Published as an OSGi
 * service by the provider extender (one per valid definition) with the properties
 * {@value #NAME} and {@value #SOURCE}.
 *
 * @param definition the validated definition
 * @param source     bundled, custom or drop-in
 * @param origin     the bundle symbolic name for a bundle, or the file path for a JSON file
 */
public record Provider(ProviderDefinition definition, ProviderSource source, String origin) {
    /** Service property: the provider name. */
    public static final String NAME = "authsome.provider.name";
    /** Service property: the {@link ProviderSource#id()}. */
    public static final String SOURCE = "authsome.provider.source";

    public Provider {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(origin, "origin");
    }

    /** The provider name, from its definition. */
    public String name() {
        return definition.name();
    }
}
