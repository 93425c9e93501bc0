package io.authsome.runtime;

import static io.authsome.runtime.TestHttp.send;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An authorization server on loopback that does not know the client it is given, as Keycloak
 * with a wrong client id: its authorize endpoint shows an error page and never redirects, and its
 * token endpoint answers {@code 401 invalid_client} with a body that also carries token-shaped
 * values (so that a test can check that {@code --verbose} redacts them).
 */
final class ClientErrorServer implements AutoCloseable {
    static final String LEAKED_ACCESS_TOKEN = "leaked-access-7f3a";
    static final String LEAKED_REFRESH_TOKEN = "leaked-refresh-9c1d";
    static final String LEAKED_JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl";
    static final String ERROR_BODY = "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client or"
            + " Invalid client credentials\",\"access_token\":\"" + LEAKED_ACCESS_TOKEN + "\",\"refresh_token\":\""
            + LEAKED_REFRESH_TOKEN + "\",\"id_token\":\"" + LEAKED_JWT + "\"}";

    private final HttpServer server;
    private final AtomicInteger authorizePages = new AtomicInteger();

    ClientErrorServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/authorize", exchange -> {
            authorizePages.incrementAndGet();
            send(exchange, 400, "text/html; charset=utf-8",
                    "<!doctype html><html><body><h1>We are sorry...</h1><p>Client not found.</p></body></html>");
        });
        server.createContext("/token", exchange -> {
            exchange.getRequestBody().readAllBytes();
            send(exchange, 401, "application/json", ERROR_BODY);
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** How many times the error page was shown. */
    int authorizePages() {
        return authorizePages.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
