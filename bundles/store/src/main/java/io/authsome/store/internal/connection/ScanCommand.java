package io.authsome.store.internal.connection;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.Block;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.CommandSpec;
import io.authsome.api.command.Table;
import io.authsome.api.command.Text;
import io.authsome.api.provider.ApiKeySettings;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Secret;
import io.authsome.api.vault.Vault;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import picocli.CommandLine.Option;

/**
 * {@code scan [--import] [--connection N]}: finds provider keys in {@code .env} files below the
 * invocation's working directory (or {@code --dir}, relative to it) and in its environment, and reports how each compares with the vault (new,
 * stored, differs, invalid). {@code --import} stores the new ones. Values are never printed.
 */
@CommandSpec(name = "scan", summary = "Find API keys in .env files and the environment",
        description = "Find provider keys in .env files and the environment; --import stores them.",
        secrets = "--import")
@Component(scope = ServiceScope.PROTOTYPE)
public final class ScanCommand implements AuthsomeCommand {
    @Option(names = "--import", description = "Store the keys found that are not in the vault yet.")
    private boolean importKeys;

    @Option(names = "--connection", paramLabel = "NAME", description = "Connection to import into (default: default).")
    private String connection = "default";

    @Option(names = "--force", description = "With --import, also replace stored keys that differ.")
    private boolean force;

    @Option(names = "--dir", paramLabel = "DIR", description = "Folder to scan (default: the current folder).")
    private Path dir = Path.of("");

    @Reference
    private ProviderCatalog catalog;

    @Reference
    private Vault vault;

    @Reference
    private AuditLog audit;

    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        List<KeyScanner.Finding> findings;
        Path root = context.workingDirectory().resolve(dir);
        try {
            findings = new KeyScanner(catalog.providers()).scan(root.normalize(), context.environment());
        } catch (IOException e) {
            throw new AuthsomeException(ErrorCode.UNEXPECTED, "cannot scan " + root + ": " + e.getMessage());
        }
        ProfileStore store = vault.profile(context.profile());
        Set<String> importedProviders = new HashSet<>();
        List<Map<String, Object>> report = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (KeyScanner.Finding finding : findings) {
            String status = status(store, finding);
            boolean imported = importKeys && (status.equals("new") || (force && status.equals("differs")))
                    && importedProviders.add(finding.provider().name());
            if (imported) {
                store.write(Connection.apiKey(finding.provider().name(), connection, Secret.of(finding.value()),
                        Map.of("source", "scan:" + finding.source()), Instant.now()), true);
                audit.record(AuditEvent.of("scan_import", store.name(), finding.provider().name(), connection,
                        AuditEvent.SUCCESS).with("variable", finding.variable()).with("source", finding.source()));
                status = "imported";
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("provider", finding.provider().name());
            entry.put("variable", finding.variable());
            entry.put("source", finding.source());
            entry.put("status", status);
            report.add(entry);
            rows.add(List.of(finding.provider().name(), finding.variable(), finding.source(), status));
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Table(List.of("PROVIDER", "VARIABLE", "SOURCE", "STATUS"), rows));
        if (!importKeys && report.stream().anyMatch(e -> e.get("status").equals("new"))) {
            blocks.add(new Text("Store the new keys with: authsome scan --import"));
        }
        return new CommandResult(Map.of("findings", report), blocks, 0);
    }

    private String status(ProfileStore store, KeyScanner.Finding finding) throws AuthsomeException {
        ApiKeySettings settings = finding.provider().definition().apiKey();
        if (settings != null && !settings.accepts(finding.value())) {
            return "invalid";
        }
        boolean exists = false;
        for (ConnectionInfo info : store.connections(finding.provider().name())) {
            exists |= info.name().equals(connection);
        }
        if (!exists) {
            return "new";
        }
        Secret stored = store.read(finding.provider().name(), connection).secrets().get(Connection.API_KEY);
        return stored != null && stored.matches(Secret.of(finding.value())) ? "stored" : "differs";
    }
}
