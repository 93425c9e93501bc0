package io.authsome.ui.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.authsome.api.AuthsomeException;
import io.authsome.api.agent.Agents;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.config.Config;
import io.authsome.api.config.Configuration;
import io.authsome.api.config.Setting;
import io.authsome.api.credential.TokenRevoker;
import io.authsome.api.login.Logins;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.ui.Dashboard;
import io.authsome.api.vault.Vault;
import io.authsome.common.home.Homes;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
    /** The files under {@code /static/}, with their types: nothing else is served from there. */
    private static final Map<String, String> ASSETS = Map.of(
            "ui.css", "text/css; charset=utf-8",
            "ui.js", "text/javascript; charset=utf-8",
            "activity.js", "text/javascript; charset=utf-8",
            "vendor/uplot/uPlot.min.css", "text/css; charset=utf-8",
            "vendor/uplot/uPlot.iife.min.js", "text/javascript; charset=utf-8");

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

    @Reference
    private Logins loginService;

    @Reference
    private Agents agents;

    /** Standard error of the daemon, which keeps it in its log. */
    PrintStream warnings = System.err;

    private final SignIns signIns = new SignIns(SIGN_IN_VALIDITY, Clock.systemUTC());
    private final Notices notices = new Notices();
    private final AddedAgents addedAgents = new AddedAgents();
    /** The pages and actions, by the first segment of their paths ({@code ""}: the overview). */
    private final Map<String, Section> sections = new HashMap<>();
    private HttpServer server;
    private ExecutorService threads;
    private DashboardLogins logins;
    /** The activity streams' threads: at most {@link ActivityFeed#MAX_LISTENERS}. */
    private ExecutorService streams;
    private ActivityFeed feed;
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
        threads = Executors.newFixedThreadPool(4, Threads.named("authsome-dashboard"));
        server.setExecutor(threads);
        int bound = server.getAddress().getPort();
        guard = new Guard(bound);
        address = URI.create("http://127.0.0.1:" + bound + "/");
        logins = new DashboardLogins(loginService, address.resolve("/login").toString(), warnings, Clock.systemUTC());
        streams = Executors.newCachedThreadPool(Threads.named("authsome-dashboard-stream"));
        feed = new ActivityFeed(audit, warnings);
        Actions actions = new Actions(vault, revoker, audit);
        ProviderSection providers = new ProviderSection(catalog, vault, configuration, actions, notices, logins);
        sections.put("", providers);
        sections.put("providers", providers);
        sections.put("login", new LoginSection(logins, notices));
        sections.put("health", new HealthSection(bundleContext));
        sections.put("activity", new ActivitySection(audit, catalog, feed));
        sections.put("agents", new AgentSection(agents, configuration, Homes.layout(bundleContext), notices,
                addedAgents));
        server.createContext("/", this::handle);
        server.start();
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        if (server != null) {
            feed.close();
            server.stop(0);
            threads.shutdownNow();
            logins.close();
            streams.shutdownNow();
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

    private void handle(HttpExchange exchange) throws IOException {
        Answer answer;
        try {
            answer = answer(exchange);
        } catch (AuthsomeException e) {
            int status = switch (e.code()) {
                case CONNECTION_NOT_FOUND, PROVIDER_NOT_FOUND -> 404;
                case NOT_ALLOWED -> 403;
                case ENDPOINT_UNREACHABLE -> 502;
                case USAGE, INVALID_INPUT, CONNECTION_EXISTS -> 400;
                default -> 500;
            };
            answer = Answer.problem(status, status == 404 ? "Not found" : "Something failed", e.getMessage(),
                    e.nextStep());
        } catch (RuntimeException e) {
            warnings.println(LABEL + ": " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
                    + " failed: " + e);
            answer = Answer.problem(500, "Something failed", "The dashboard could not answer this request.",
                    "authsome daemon logs");
        }
        Guard.secure(exchange.getResponseHeaders());
        exchange.getResponseHeaders().set("Content-Type", answer.type());
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        if (answer.streamer() != null) {
            stream(exchange, answer.streamer());
            return;
        }
        try (exchange) {
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(answer.status(), head || answer.body().length == 0 ? -1 : answer.body().length);
            if (!head && answer.body().length > 0) {
                exchange.getResponseBody().write(answer.body());
            }
        }
    }

    /** Starts a stream on a thread of its own, so that the request threads stay free for pages. */
    private void stream(HttpExchange exchange, Answer.Streamer streamer) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        try {
            streams.execute(() -> {
                try (exchange) {
                    streamer.stream(exchange.getResponseBody());
                } catch (IOException gone) {
                    // the page left
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            exchange.close();
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
        Map<String, String> form = Map.of();
        if (method.equals("POST")) {
            form = form(exchange);
            if (!guard.originAllowed(exchange.getRequestHeaders())) {
                return refuse(403, "wrong_origin", path, "Refused", "A change must come from a page of the dashboard.",
                        null);
            }
            if (!session.get().acceptsCsrf(form.get("csrf"))) {
                return refuse(403, "bad_csrf", path, "Refused",
                        "The form is stale or was not made by the dashboard. Reload the page and try again.", null);
            }
            if (path.equals("/signout")) {
                return signOut(session.get());
            }
        } else if (!method.equals("GET") && !method.equals("HEAD")) {
            return Answer.problem(405, "Not allowed", method + " is not served here.", null);
        }
        Request request = new Request(method, path, query(exchange.getRequestURI()), form, session.get());
        Section section = sections.get(request.segment(0));
        Answer answer = section == null ? null : section.answer(request);
        return answer == null ? Answer.notFound(path) : answer;
    }

    private Answer signIn(String token, String path) {
        Optional<SignIns.Session> session = signIns.redeem(token);
        if (session.isEmpty()) {
            return refuse(403, "bad_sign_in_link", path, "Sign-in link used or expired",
                    "A sign-in link works once, within " + SIGN_IN_VALIDITY.toMinutes() + " minutes. Get a new one:",
                    "authsome ui");
        }
        audit.record(AuditEvent.of("ui_sign_in", null, null, null, AuditEvent.SUCCESS).with("via", "ui"));
        return Answer.redirect("/").withHeader("Set-Cookie", Guard.sessionCookieHeader(session.get().id()));
    }

    private Answer signOut(SignIns.Session session) {
        signIns.end(session);
        notices.take(session);
        logins.stop(session);
        addedAgents.take(session);
        audit.record(AuditEvent.of("ui_sign_out", null, null, null, AuditEvent.SUCCESS).with("via", "ui"));
        return Answer.problem(200, "Signed out", "This browser's dashboard session has ended.", "authsome ui")
                .withHeader("Set-Cookie", Guard.clearedCookieHeader());
    }

    private Answer refuse(int status, String reason, String path, String title, String message, String next) {
        audit.record(AuditEvent.of("ui_refused", null, null, null, "refused").with("via", "ui").with("reason", reason)
                .with("path", path));
        return Answer.problem(status, title, message, next);
    }

    private static Answer asset(String name) throws IOException {
        String type = ASSETS.get(name);
        InputStream resource = type == null ? null : DashboardServer.class.getResourceAsStream("/static/" + name);
        if (resource == null) {
            return Answer.notFound("/static/" + name);
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
