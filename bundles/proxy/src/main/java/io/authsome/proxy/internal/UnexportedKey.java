package io.authsome.proxy.internal;

import java.security.Key;

/**
 * A key of the proxy's own providers that is not exported: no format and no encoding, so no other
 * provider can take it and its secret leaves only through the provider it was made for.
 */
interface UnexportedKey extends Key {
    @Override
    default String getFormat() {
        return null;
    }

    @Override
    default byte[] getEncoded() {
        return null;
    }
}
