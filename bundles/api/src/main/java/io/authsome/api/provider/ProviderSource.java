package io.authsome.api.provider;

/** Where a provider definition came from. */
public enum ProviderSource implements Identified {
    /** A provider bundle of the distribution. */
    BUNDLED("bundled"),
    /** A definition installed with {@code authsome register} into {@code $AUTHSOME_HOME/providers/}. */
    CUSTOM("custom"),
    /** A bundle or a JSON file in {@code $AUTHSOME_HOME/dropins/}. */
    DROP_IN("drop-in");

    private final String id;

    ProviderSource(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
