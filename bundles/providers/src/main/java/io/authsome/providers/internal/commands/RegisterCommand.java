package io.authsome.providers.internal.commands;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.CommandSpec;
import io.authsome.api.command.Text;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.common.json.Json;
import io.authsome.providers.internal.RunningPlugins;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code register <file.json> [--force]}: validate and install a custom provider, live at once. */
@CommandSpec(name = "register", summary = "Validate and install a custom provider from a JSON file",
        description = "Validate a provider definition and install it as a custom provider.",
        secrets = AuthsomeCommand.SECRETS_ALWAYS)
@Component(scope = ServiceScope.PROTOTYPE)
public final class RegisterCommand implements AuthsomeCommand {
    @Parameters(paramLabel = "<file.json>", description = "The provider definition.")
    private Path file;

    @Option(names = "--force", description = "Replace a provider of the same name, or one with the same endpoints.")
    private boolean force;

    @Reference
    private ProviderCatalog catalog;

    @Reference
    private AuditLog audit;

    @Reference
    private RunningPlugins plugins;

    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        byte[] json = read(context.workingDirectory().resolve(file), file);
        Provider provider;
        try {
            provider = catalog.register(json, file.toString(), force);
        } catch (AuthsomeException e) {
            audit.record(new AuditEvent("register", null, null, null, AuditEvent.FAILURE,
                    Map.of("file", file.toString(), "reason", e.code().name())));
            throw e;
        }
        audit.record(new AuditEvent("register", null, provider.name(), null, AuditEvent.SUCCESS,
                Map.of("file", provider.origin(), "forced", force)));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("registered", provider.name());
        data.put("source", provider.source().id());
        data.put("path", provider.origin());
        if (plugins.missing(provider)) {
            // valid, but nothing can log in to it until its plugin runs: say so now, not at the login
            data.put("state", RunningPlugins.MISSING_STATE);
            data.put("next_step", RunningPlugins.nextStep(provider));
            return CommandResult.of(data, new Text("Registered provider '" + provider.name() + "' ("
                    + provider.definition().authType().id() + ", " + provider.origin() + "). It needs the plugin '"
                    + provider.definition().injector() + "', which no running bundle provides yet: "
                    + RunningPlugins.nextStep(provider)));
        }
        return CommandResult.of(data, new Text("Registered provider '" + provider.name() + "' ("
                + provider.definition().authType().id() + ", " + provider.origin() + "). It is live now; log in with:"
                + " authsome login " + provider.name()));
    }

    /**
     * The definition's bytes. Only a regular file is opened (a FIFO would block the command, a
     * device never end), and no more than the JSON reader accepts is read.
     *
     * @param path the file, resolved against the invocation's working directory
     * @param file the file as given on the command line, as messages name it
     */
    private static byte[] read(Path path, Path file) throws AuthsomeException {
        if (Files.isDirectory(path)) {
            throw new AuthsomeException(ErrorCode.INVALID_INPUT, file + " is a directory, not a provider definition",
                    "authsome register <file.json>");
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new AuthsomeException(ErrorCode.INVALID_INPUT, file + " is not a regular file (a pipe or a device):"
                    + " a provider definition is read from a JSON file", "authsome register <file.json>");
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] json = in.readNBytes(Json.MAX_BYTES + 1);
            if (json.length > Json.MAX_BYTES) {
                throw new AuthsomeException(ErrorCode.INVALID_INPUT, file + " is larger than " + Json.MAX_BYTES
                        + " bytes (4 MiB); a provider definition is a few kilobytes", "authsome register <file.json>");
            }
            return json;
        } catch (NoSuchFileException e) {
            throw new AuthsomeException(ErrorCode.INVALID_INPUT, "file " + file + " does not exist",
                    "authsome register <file.json>");
        } catch (IOException e) {
            throw new AuthsomeException(ErrorCode.INVALID_INPUT, "cannot read " + file + ": " + e.getMessage(),
                    "authsome register <file.json>");
        }
    }
}
