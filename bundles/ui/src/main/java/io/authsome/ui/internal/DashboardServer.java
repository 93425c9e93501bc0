package io.authsome.ui.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.authsome.api.AuthsomeException;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.config.Config;
import io.authsome.api.config.Configuration;
import io.authsome.api.config.Setting;
import io.authsome.api.credential.TokenRevoker;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.ui.Dashboard;
import io.authsome.api.vault.Vault;
import io.authsome.common.connection.ProfileOverview;
import io.authsome.common.health.HealthChecks;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The dashboard on {@code 127.0.0.1:<daemon.ui_port>}, with the JDK's HTTP server. Every request
 * passes the {@link Guard} (the {@code Host}, then the session cookie; for a change, the
 * {@code Origin} and the session's CSRF token); a refusal is answered 421 or 403 with what to do,
 * and audited ({@code ui_refused}, with the reason and the path, never a token). The
 * {@link Dashboard} service is registered only once the server listens.
 */
@Component(name = DashboardServer.NAME, enabled = false, service = {})
public final class DashboardServer implements Dashboard {
    static final String NAME = "io.authsome.ui.dashboard";
    private static final String LABEL = "authsome dashboard";
    private static final int MAX_FORM_BYTES = 64 * 1024;

    @Reference
    private ProviderCatalog catalog;

    @Reference
    private Vault vault;

    @Reference
    private Configuration configuration;

    @Reference
    private AuditLog audit;

    @Reference
    private TokenRevoker revoker;

    /** Standard error of the daemon, which keeps it in its log. */
    PrintStream warnings = System.err;

    private final SignIns signIns = new SignIns(SIGN_IN_VALIDITY, Clock.systemUTC());
    /** What the page after a change says, by session: shown once. */
    private final Map<String, String> notices = new ConcurrentHashMap<>();
    private HttpServer server;
    private ExecutorService threads;
    private Guard guard;
    private URI address;
    private ServiceRegistration<Dashboard> registration;
    private BundleContext bundleContext;

    @Activate
    void activate(BundleContext context) {
        this.bundleContext = context;
        Config config = configuration.current();
        Setting<Integer> port = config.daemon().uiPort();
        if (port.problem() != null) {
            warnings.println(LABEL + ": not started: " + port.problem() + "; next: " + port.fix());
            return;
        }
        if (port.value() == 0) {
            return;
        }
        try {
            start(port.value());
        } catch (IOException e) {
            warnings.println(LABEL + ": not started: cannot listen on 127.0.0.1:" + port.value() + ": " + e.getMessage()
                    + "; next: free the port, or set daemon.ui_port in config.json");
            return;
        }
        registration = context.registerService(Dashboard.class, this, null);
        warnings.println(LABEL + ": listening on " + address);
    }

    void start(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        threads = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "authsome-dashboard");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
        int bound = server.getAddress().getPort();
        guard = new Guard(bound);
        address = URI.create("http://127.0.0.1:" + bound + "/");
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        if (server != null) {
            server.stop(0);
            threads.shutdownNow();
            server = null;
        }
    }

    @Override
    public URI address() {
        return address;
    }

    @Override
    public URI signInLink() {
        return address.resolve("/signin?token=" + signIns.newToken());
    }

    /** One answer: its status, type, body and extra headers. */
    private record Answer(int status, String type, byte[] body, Map<String, String> headers) {
        static Answer html(int status, String html) {
            return new Answer(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        static Answer redirect(String location, String cookie) {
            Map<String, String> headers = new HashMap<>();
            headers.put("Location", location);
            if (cookie != null) {
                headers.put("Set-Cookie", cookie);
            }
            return new Answer(303, "text/plain; charset=utf-8", new byte[0], headers);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        Answer answer;
        try {
            answer = answer(exchange);
        } catch (AuthsomeException e) {
            int status = switch (e.code()) {
                case CONNECTION_NOT_FOUND, PROVIDER_NOT_FOUND -> 404;
                case NOT_ALLOWED -> 403;
                case ENDPOINT_UNREACHABLE -> 502;
                default -> 500;
            };
            answer = Answer.html(status, Pages.problem(status == 404 ? "Not found" : "Something failed",
                    e.getMessage(), e.nextStep()));
        } catch (RuntimeException e) {
            warnings.println(LABEL + ": " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
                    + " failed: " + e);
            answer = Answer.html(500, Pages.problem("Something failed", "The dashboard could not answer this request.",
                    "authsome daemon logs"));
        }
        try (exchange) {
            Guard.secure(exchange.getResponseHeaders());
            exchange.getResponseHeaders().set("Content-Type", answer.type());
            answer.headers().forEach(exchange.getResponseHeaders()::set);
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(answer.status(), head || answer.body().length == 0 ? -1 : answer.body().length);
            if (!head && answer.body().length > 0) {
                exchange.getResponseBody().write(answer.body());
            }
        }
    }

    private Answer answer(HttpExchange exchange) throws AuthsomeException, IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (!guard.hostAllowed(exchange.getRequestHeaders())) {
            return refuse(421, "wrong_host", path, "Wrong address", "The dashboard answers only at " + address + ".",
                    "authsome ui");
        }
        if (path.startsWith("/static/") && (method.equals("GET") || method.equals("HEAD"))) {
            return asset(path.substring("/static/".length()));
        }
        if (path.equals("/signin") && method.equals("GET")) {
            return signIn(query(exchange.getRequestURI()).get("token"), path);
        }
        Optional<SignIns.Session> session = Guard.sessionCookie(exchange.getRequestHeaders()).flatMap(signIns::session);
        if (session.isEmpty()) {
            return refuse(403, "no_session", path, "Not signed in",
                    "This browser has no dashboard session (or it ended). Open a new sign-in link:", "authsome ui");
        }
        if (method.equals("POST")) {
            Map<String, String> form = form(exchange);
            if (!guard.originAllowed(exchange.getRequestHeaders())) {
                return refuse(403, "wrong_origin", path, "Refused", "A change must come from a page of the dashboard.",
                        null);
            }
            if (!session.get().acceptsCsrf(form.get("csrf"))) {
                return refuse(403, "bad_csrf", path, "Refused",
                        "The form is stale or was not made by the dashboard. Reload the page and try again.", null);
            }
            return change(path, session.get());
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Answer.html(405, Pages.problem("Not allowed", method + " is not served here.", null));
        }
        return page(path, session.get());
    }

    private Answer signIn(String token, String path) {
        Optional<SignIns.Session> session = signIns.redeem(token);
        if (session.isEmpty()) {
            return refuse(403, "bad_sign_in_link", path, "Sign-in link used or expired",
                    "A sign-in link works once, within " + SIGN_IN_VALIDITY.toMinutes() + " minutes. Get a new one:",
                    "authsome ui");
        }
        audit.record(AuditEvent.of("ui_sign_in", null, null, null, AuditEvent.SUCCESS).with("via", "ui"));
        return Answer.redirect("/", Guard.sessionCookieHeader(session.get().id()));
    }

    /**
     * A POST: sign out, or an action on a provider ({@code /providers/P/remove}) or on one of its
     * connections ({@code /providers/P/connections/C/default|logout|revoke}); then back to the
     * provider's page (the overview after a removal), which says what was done.
     */
    private Answer change(String path, SignIns.Session session) throws AuthsomeException {
        if (path.equals("/signout")) {
            signIns.end(session);
            notices.remove(session.id());
            audit.record(AuditEvent.of("ui_sign_out", null, null, null, AuditEvent.SUCCESS).with("via", "ui"));
            Answer signedOut = Answer.html(200, Pages.problem("Signed out",
                    "This browser's dashboard session has ended.", "authsome ui"));
            return new Answer(200, signedOut.type(), signedOut.body(), Map.of("Set-Cookie", Guard.clearedCookieHeader()));
        }
        String[] parts = path.split("/");
        if (parts.length < 4 || !parts[1].equals("providers")) {
            return Answer.html(404, Pages.problem("Not found", "Nothing is done at " + path + ".", null));
        }
        String profile = configuration.current().profile();
        Provider provider = catalog.require(parts[2]);
        Actions actions = new Actions(vault, revoker, audit);
        String done;
        String back = "/providers/" + provider.name();
        if (parts.length == 4 && parts[3].equals("remove")) {
            done = actions.remove(profile, provider);
            back = "/";
        } else if (parts.length == 6 && parts[3].equals("connections")) {
            String connection = parts[4];
            done = switch (parts[5]) {
                case "default" -> actions.setDefault(profile, provider, connection);
                case "logout" -> actions.logout(profile, provider, connection);
                case "revoke" -> actions.revoke(profile, provider, connection);
                default -> null;
            };
            if (done == null) {
                return Answer.html(404, Pages.problem("Not found", "Nothing is done at " + path + ".", null));
            }
        } else {
            return Answer.html(404, Pages.problem("Not found", "Nothing is done at " + path + ".", null));
        }
        notices.put(session.id(), done);
        return Answer.redirect(back, null);
    }

    private Answer page(String path, SignIns.Session session) throws AuthsomeException {
        String profile = configuration.current().profile();
        ProfileOverview overview = ProfileOverview.of(catalog, vault, profile, Instant.now());
        if (path.equals("/health")) {
            return Answer.html(200, Pages.health(HealthChecks.run(bundleContext),
                    java.util.Arrays.asList(bundleContext.getBundles()), session.csrf()));
        }
        String notice = notices.remove(session.id());
        if (path.equals("/")) {
            return Answer.html(200, Pages.overview(overview, session.csrf(), notice));
        }
        if (path.startsWith("/providers/")) {
            String[] parts = path.substring("/providers/".length()).split("/");
            Optional<ProfileOverview.Entry> entry = overview.provider(parts[0]);
            if (entry.isPresent() && parts.length == 1) {
                return Answer.html(200, Pages.provider(entry.get(), overview.profile(), session.csrf(), notice));
            }
            if (entry.isPresent() && parts.length == 2 && parts[1].equals("remove")) {
                return Answer.html(200, Pages.confirmRemove(entry.get(), overview.profile(), session.csrf()));
            }
            String name = parts[0];
            if (entry.isEmpty()) {
                return Answer.html(404, Pages.problem("Unknown provider", "No provider is named " + name + ".",
                        "authsome list"));
            }
        }
        return Answer.html(404, Pages.problem("Not found", "There is no page at " + path + ".", null));
    }

    private Answer refuse(int status, String reason, String path, String title, String message, String next) {
        audit.record(AuditEvent.of("ui_refused", null, null, null, "refused").with("via", "ui").with("reason", reason)
                .with("path", path));
        return Answer.html(status, Pages.problem(title, message, next));
    }

    private static Answer asset(String name) throws IOException {
        String type = name.endsWith(".css") ? "text/css; charset=utf-8"
                : name.endsWith(".js") ? "text/javascript; charset=utf-8" : null;
        InputStream resource = type == null || name.contains("/") ? null
                : DashboardServer.class.getResourceAsStream("/static/" + name);
        if (resource == null) {
            return Answer.html(404, Pages.problem("Not found", "No such file.", null));
        }
        try (resource) {
            return new Answer(200, type, resource.readAllBytes(), Map.of());
        }
    }

    private static Map<String, String> query(URI uri) {
        return decode(uri.getRawQuery());
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(MAX_FORM_BYTES + 1);
        if (body.length > MAX_FORM_BYTES) {
            return Map.of();
        }
        return decode(new String(body, StandardCharsets.UTF_8));
    }

    private static Map<String, String> decode(String encoded) {
        Map<String, String> values = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(key, value);
        }
        return values;
    }
}
