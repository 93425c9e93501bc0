package io.authsome.proxy.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.CommandSpec;
import io.authsome.api.command.Text;
import io.authsome.common.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ca path|regenerate}: where the proxy's CA certificate is (created on first use), so that
 * it can be trusted elsewhere; or a new CA, after which the old one is trusted by nothing here.
 * Each action is a subcommand.
 */
@CommandSpec(name = "ca", summary = "Show or regenerate the proxy's CA certificate",
        description = "Show where the proxy CA certificate is ('ca path'), or make a new CA ('ca regenerate').",
        secrets = "regenerate")
@Component(scope = ServiceScope.PROTOTYPE)
@Command(subcommands = {CaCommand.ShowPath.class, CaCommand.Regenerate.class})
public final class CaCommand implements AuthsomeCommand {
    @Reference
    private AuditLog audit;

    /** Runs only without an action, which the console already refuses. */
    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        throw new AuthsomeException(ErrorCode.USAGE, "ca needs an action: path, regenerate", "authsome help ca");
    }

    /** {@code ca path}: the CA certificate's path, the CA made first when there is none. */
    @Command(name = "path", description = "Print where the CA certificate is (made on first use).")
    static final class ShowPath implements AuthsomeCommand {
        @ParentCommand
        private CaCommand parent;

        @Override
        public CommandResult execute(CommandContext context) throws AuthsomeException {
            return parent.prepare(context, false);
        }
    }

    /** {@code ca regenerate}: a new CA in place of the old one. */
    @Command(name = "regenerate", description = "Make a new CA; trust it again wherever the old one was trusted.")
    static final class Regenerate implements AuthsomeCommand {
        @ParentCommand
        private CaCommand parent;

        @Override
        public CommandResult execute(CommandContext context) throws AuthsomeException {
            return parent.prepare(context, true);
        }
    }

    /** The CA of the home, loaded or made ({@code regenerate}: made anew); a new one is audited. */
    CommandResult prepare(CommandContext context, boolean regenerate) throws AuthsomeException {
        Path directory = context.home().ca();
        boolean existed = Files.exists(directory.resolve(CertificateAuthority.CERTIFICATE_FILE));
        CertificateAuthority ca;
        try {
            PrivateFiles.ensureDirectory(directory);
            ca = regenerate ? CertificateAuthority.create(directory) : CertificateAuthority.loadOrCreate(directory);
        } catch (IOException | GeneralSecurityException e) {
            throw new AuthsomeException(ErrorCode.UNEXPECTED, "cannot prepare the CA in " + directory + ": "
                    + e.getMessage(), "authsome doctor; if ca.key is damaged: authsome ca regenerate");
        }
        if (regenerate || !existed) {
            audit.record(new AuditEvent("ca_" + (existed ? "regenerate" : "create"), null, null, null,
                    AuditEvent.SUCCESS, Map.of("fingerprint", fingerprint(ca))));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("path", ca.certificatePath().toString());
        data.put("sha256", fingerprint(ca));
        data.put("subject", ca.certificate().getSubjectX500Principal().getName());
        data.put("not_after", ca.certificate().getNotAfter().toInstant().toString());
        String text = !regenerate ? ca.certificatePath().toString()
                : "New CA in " + ca.certificatePath() + " (SHA-256 " + fingerprint(ca) + "). Trust it again wherever"
                        + " you trusted the old one.";
        return CommandResult.of(data, new Text(text));
    }

    private static String fingerprint(CertificateAuthority ca) throws AuthsomeException {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(ca.certificate().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new AuthsomeException(ErrorCode.UNEXPECTED, "cannot fingerprint the CA: " + e.getMessage());
        }
    }
}
