package io.authsome.proxy.internal;

import java.net.Socket;

/**
 * Who may use one run's proxy: a client that presents the run's proxy credentials, or a process
 * of the child's tree. Thread-safe.
 */
final class ProxyAccess {
    private final ProxyCredentials credentials;
    private final ChildPeers peers;

    ProxyAccess(ProxyCredentials credentials, ChildPeers peers) {
        this.credentials = credentials;
        this.peers = peers;
    }

    ProxyCredentials credentials() {
        return credentials;
    }

    ChildPeers peers() {
        return peers;
    }

    /** Whether the connection whose first request is {@code first} may use the proxy. */
    boolean admits(HttpHead first, Socket socket) {
        return credentials.accepts(first.get("Proxy-Authorization")) || peers.owns(socket);
    }
}
