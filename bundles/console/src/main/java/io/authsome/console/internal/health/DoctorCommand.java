package io.authsome.console.internal.health;

import io.authsome.api.ErrorCode;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.CommandSpec;
import io.authsome.api.command.Table;
import io.authsome.api.command.Text;
import io.authsome.api.credential.SecretVariables;
import io.authsome.api.health.Finding;
import io.authsome.api.health.Status;
import io.authsome.common.health.HealthChecks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;

/** {@code doctor}: runs every health check on the whiteboard; exit 0 only when none fails. */
@CommandSpec(name = "doctor", summary = "Check the installation and say how to fix what is wrong",
        description = "Check the installation; each finding is OK, WARN or FAIL with its fix.")
@Component(scope = ServiceScope.PROTOTYPE)
public final class DoctorCommand implements AuthsomeCommand {
    private BundleContext bundleContext;

    @Activate
    void activate(BundleContext bundleContext) {
        this.bundleContext = bundleContext;
    }

    @Override
    public CommandResult execute(CommandContext context) {
        List<Finding> findings = new ArrayList<>(HealthChecks.run(bundleContext));
        findings.add(passphraseInEnvironment(context));
        boolean failed = findings.stream().anyMatch(f -> f.status() == Status.FAIL);
        List<Map<String, Object>> data = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (Finding finding : findings) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("status", finding.status().name());
            entry.put("check", finding.check());
            entry.put("message", finding.message());
            entry.put("fix", finding.fix());
            data.add(entry);
            rows.add(List.of(finding.status().name(), finding.check(), finding.message(),
                    finding.fix() == null ? "" : finding.fix()));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ok", !failed);
        result.put("findings", data);
        String verdict = failed ? "Some checks failed: apply the fixes above, then run authsome doctor again."
                : "Everything checked is fine.";
        return new CommandResult(result, List.of(new Table(List.of("STATUS", "CHECK", "FINDING", "FIX"), rows),
                new Text("\n" + verdict)), failed ? ErrorCode.UNEXPECTED.exitCode() : 0);
    }

    /**
     * A passphrase in the environment is readable by every process started from that shell, for
     * as long as it lives: the daemon asks for it once and keeps only the key.
     */
    private static Finding passphraseInEnvironment(CommandContext context) {
        if (context.secretVariable(SecretVariables.PASSPHRASE).isPresent()) {
            return Finding.warn("passphrase", SecretVariables.PASSPHRASE + " is set in the environment, where every"
                    + " program started from this shell can read it", "unset " + SecretVariables.PASSPHRASE
                    + "; authsome daemon start asks for it once and keeps only the key in memory");
        }
        return Finding.ok("passphrase", SecretVariables.PASSPHRASE + " is not in the environment");
    }
}
