package io.authsome.console.internal.bundles;

import io.authsome.api.AuthsomeException;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.Text;
import io.authsome.common.health.BundleStates;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code bundles trust <jar>}: lets a drop-in bundle that carries code run, as its bytes are now. */
@Command(name = "trust", description = {"Let a drop-in bundle with code run: record and start it.",
        "Records the jar's SHA-256 in trusted-bundles.json. A trusted bundle runs inside",
        "authsome and sees the secrets of its connections:",
        "trust it as a program you run. A jar whose bytes change needs trust again."})
final class TrustCommand implements AuthsomeCommand {
    @ParentCommand
    private BundlesCommand parent;

    @Parameters(index = "0", paramLabel = "<jar>", description = "The jar: its file name in the drop-in folder, or a path.")
    private String jar;

    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        DropinTrust.Change change = parent.trust(context).trust(jar, context.workingDirectory());
        if (change.jar().carriesCode()) {
            parent.audit("bundle_trusted", change);
        }
        return result(change, change.jar().carriesCode()
                ? "Trusted " + change.jar().name() + " (sha256 " + change.jar().sha256() + "): " + change.outcome() + "."
                : change.jar().name() + " carries no code: it needs no trust and runs as it is.");
    }

    /** What trust and untrust print: the jar, its bundle's state, and what was done. */
    static CommandResult result(DropinTrust.Change change, String message) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("file", change.jar().name());
        data.put("sha256", change.jar().sha256());
        data.put("carries_code", change.jar().carriesCode());
        data.put("bundle", change.bundle().map(b -> b.getSymbolicName()).orElse(null));
        data.put("state", change.bundle().map(BundleStates::of).orElse(null));
        data.put("outcome", change.outcome());
        return CommandResult.of(data, new Text(message));
    }
}
