package io.authsome.proxy.internal;


/**
 * Who may use one run's proxy: a client that presents the run's proxy credentials, or a process
 * of the child's tree. A connection once admitted stays so. Thread-safe.
 */
final class ProxyAccess implements ProxyGate {
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
    boolean admits(HttpHead first, ClientConnection connection) {
        return credentials.accepts(first.get("Proxy-Authorization")) || peers.owns(connection.remote(), connection.local());
    }

    @Override
    public Client admit(HttpHead first, ClientConnection connection, ProxyContext proxy) {
        return admits(first, connection) ? proxyAuthorization -> proxy : null;
    }

    @Override
    public String refusal() {
        return "authsome proxy: this proxy serves one 'authsome run' child; its URL carries the credentials";
    }
}
