package io.authsome.proxy.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.ChildProcess;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.CommandSpec;
import io.authsome.api.config.Configuration;
import io.authsome.api.config.ProxyConfig;
import io.authsome.api.credential.CredentialResolver;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Vault;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code run [--connection P=N]... -- <cmd> [args]}: starts the credential-injecting proxy, runs
 * the command with the proxy and trust environment, and exits with the command's exit code.
 */
@CommandSpec(name = "run", summary = "Run a command with credentials injected by a local proxy",
        description = {"Run a command behind the credential-injecting proxy.",
        "Requests of the command to the API hosts of connected providers carry their credentials;",
        "the command itself never holds one. Put the command after '--'."})
@Component(scope = ServiceScope.PROTOTYPE)
public final class RunCommand implements AuthsomeCommand {
    /** Exit code when the command cannot be started, as a shell reports a command not found. */
    static final int NOT_STARTED = 127;

    @Option(names = "--connection", paramLabel = "PROVIDER=NAME",
            description = "Inject this connection of the provider instead of its default (repeatable).")
    private Map<String, String> connections = new LinkedHashMap<>();

    @Parameters(arity = "1..*", paramLabel = "<command>", description = "The command and its arguments.")
    private List<String> command;

    @Reference
    private ProviderCatalog catalog;

    @Reference
    private Vault vault;

    @Reference
    private CredentialResolver resolver;

    @Reference
    private AuditLog auditLog;

    @Reference
    private Configuration configuration;

    @Reference
    private Injectors injectors;

    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        ProfileStore store = vault.profile(context.profile());
        ProxyConfig settings = configuration.current().proxy();
        NoCredentials noCredentials = new NoCredentials(NoCredentials.policy(settings), store);
        List<RouteTable.Target> targets = RunTargets.of(catalog, store, connections, noCredentials.answers());
        CertificateAuthority ca = ProxySetup.certificateAuthority(context.home().ca());
        UpstreamConnector connector = ProxySetup.connector(settings, context.home().config(), context.environment());
        ProxyAccess access = new ProxyAccess(ProxyCredentials.random(), new ChildPeers());
        ExecutorService threads = ProxyServer.newThreads();
        long started = System.nanoTime();
        List<String> providers = targets.stream().filter(RunCommand::usable).map(target -> target.provider().name())
                .toList();
        ChildTrust trust = ProxySetup.childTrust(ca, context.home().ca(), inheritedCaFile(context));
        try (ProxyAudit audit = new ProxyAudit(auditLog);
             ProxyServer proxy = ProxyServer.start(new ProxyContext(new RouteTable(targets),
                     new CredentialSource(context.verbose() ? resolver.tracing(context.diagnostics()) : resolver, injectors,
                             store.name()),
                     noCredentials, connector, new InterceptTls(ca), access, audit,
                     threads, context.diagnostics(), context.verbose()))) {
            if (context.verbose()) {
                context.diagnostics().println("authsome run: proxy on 127.0.0.1:" + proxy.port() + " injecting "
                        + (providers.isEmpty() ? "nothing" : String.join(", ", providers)));
            }
            if (providers.isEmpty() && !context.quiet()) {
                context.diagnostics().println("authsome run: no provider is connected in profile " + store.name()
                        + ", so no request will carry a credential (authsome login <provider> connects one)");
            }
            Map<String, String> environment = ChildEnvironment.of(context.environment(), proxy.port(),
                    access.credentials(), trust, targets);
            ChildProcess launched;
            try {
                launched = context.startChild(command, environment, context.workingDirectory());
            } catch (IOException e) {
                context.diagnostics().println("authsome run: cannot start " + command.get(0) + ": " + e.getMessage());
                return result(NOT_STARTED, providers, started);
            }
            try (ChildProcess child = launched) {
                access.peers().admit(child.pid());
                audit.record(AuditEvent.of("run_start", store.name(), null, null, AuditEvent.SUCCESS)
                        .with("program", Path.of(command.get(0)).getFileName().toString())
                        .with("pid", child.pid())
                        .with("providers", String.join(",", providers)));
                int code = child.waitFor();
                // the child's connections end with it: a tunnel's event, logged as it closes, comes before run_end
                proxy.close();
                audit.record(AuditEvent.of("run_end", store.name(), null, null, AuditEvent.SUCCESS)
                        .with("pid", child.pid())
                        .with("exit_code", code)
                        .with("duration_ms", (System.nanoTime() - started) / 1_000_000));
                return result(code, providers, started);
            }
        } catch (IOException e) {
            throw new AuthsomeException(ErrorCode.UNEXPECTED, "cannot start the proxy: " + e.getMessage(),
                    "authsome doctor");
        }
    }

    /** Whether a target's credential can be injected: it is connected, or expired and retried on use. */
    private static boolean usable(RouteTable.Target target) {
        return target.state() == ConnectionState.CONNECTED || target.state() == ConnectionState.EXPIRED;
    }

    private static CommandResult result(int code, List<String> providers, long started) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("exit_code", code);
        data.put("providers", providers);
        data.put("duration_ms", (System.nanoTime() - started) / 1_000_000);
        return new CommandResult(data, List.of(), code);
    }

    /** The invocation's {@code SSL_CERT_FILE}, resolved against its working directory, if it sets one. */
    private static String inheritedCaFile(CommandContext context) {
        String inherited = context.environment().get("SSL_CERT_FILE");
        return inherited == null || inherited.isBlank() ? inherited
                : context.workingDirectory().resolve(inherited).toString();
    }
}
