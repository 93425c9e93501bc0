package io.authsome.proxy.internal;

/**
 * Who may use a proxy, and with what: asked for the first request of each client connection, and
 * through the {@link Client} it returns before every later request of that connection, also
 * inside an intercepted tunnel, so that a client can lose its admission between two requests of a
 * kept-alive connection. A run's proxy admits its child for good ({@link ProxyAccess}); the
 * daemon's shared proxy checks an agent credential each time. Thread-safe.
 */
interface ProxyGate {
    /** A client let in. */
    interface Client {
        /**
         * The context of the client's next request, or {@code null} when the client is no longer
         * admitted: the proxy answers 407 and closes the connection.
         *
         * @param proxyAuthorization the {@code Proxy-Authorization} the request carried to the
         *                           proxy, or {@code null}: not sent, or a request inside an
         *                           intercepted tunnel (which carries none; the client's CONNECT did)
         */
        ProxyContext context(String proxyAuthorization);

        /** Who the client is, for the proxy's cap on connections per client: the agent's name. */
        default String name() {
            return "the run's child";
        }
    }

    /**
     * The client of the connection whose first request is {@code first}, or {@code null} when it is
     * refused (407). Its {@link Client#context} is then asked for the first request too.
     *
     * @param proxy the proxy's own context
     */
    Client admit(HttpHead first, ClientConnection connection, ProxyContext proxy);

    /** The text of the 407 answer to a client that is refused. */
    String refusal();
}
