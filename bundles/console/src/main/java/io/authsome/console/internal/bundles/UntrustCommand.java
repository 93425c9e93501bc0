package io.authsome.console.internal.bundles;

import io.authsome.api.AuthsomeException;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code bundles untrust <jar>}: withdraws trust from a drop-in bundle and stops it. */
@Command(name = "untrust", description = "Stop a trusted drop-in bundle and forget its record.")
final class UntrustCommand implements AuthsomeCommand {
    @ParentCommand
    private BundlesCommand parent;

    @Parameters(index = "0", paramLabel = "<jar>", description = "The jar: its file name in the drop-in folder, or a path.")
    private String jar;

    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        DropinTrust.Change change = parent.trust(context).untrust(jar);
        parent.audit("bundle_untrusted", change);
        return TrustCommand.result(change, "Untrusted " + change.jar().name() + ": " + change.outcome()
                + ". It does not run until trusted again (authsome bundles trust " + change.jar().name() + ").");
    }
}
