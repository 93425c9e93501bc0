package io.authsome.store.internal.audit;

import io.authsome.api.AuthsomeException;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.config.Configuration;
import io.authsome.api.home.HomeLayout;
import io.authsome.common.home.Homes;
import io.authsome.store.internal.VaultComponent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The audit log of the home directory: JSON lines in {@code audit.log}, rotated by size (framework
 * properties {@value AuditSettings#MAX_BYTES} and {@value AuditSettings#KEEP}). Each event also
 * goes to the audit trail of a shared store, when the home uses one.
 */
@Component(service = AuditLog.class)
public final class AuditLogComponent implements AuditLog {
    private final AtomicBoolean warned = new AtomicBoolean();
    private PrintStream err = System.err;
    private AuditFile file;
    private AuditReader reader;

    @Reference
    private Configuration configuration;

    /** The store, whose backend may keep a trail of its own; absent outside a framework. */
    @Reference
    private VaultComponent vault;

    public AuditLogComponent() {
    }

    /** Outside a framework (tests): the log of {@code home}, warnings to {@code err}. */
    AuditLogComponent(HomeLayout home, AuditSettings settings, PrintStream err) {
        this.err = err;
        open(home, settings);
    }

    @Activate
    void activate(BundleContext context) {
        HomeLayout home = Homes.layout(context);
        open(home, AuditSettings.from(context::getProperty, configuration.current().audit(), err));
    }

    @Deactivate
    void deactivate() {
        file.close();
    }

    private void open(HomeLayout home, AuditSettings settings) {
        file = new AuditFile(home.auditLog(), settings);
        reader = new AuditReader(home.auditLog());
    }

    @Override
    public void record(AuditEvent event) {
        recordAll(List.of(event));
    }

    /** Writes the events' lines to {@code audit.log} in one append, then hands each to the team's trail. */
    @Override
    public void recordAll(List<AuditEvent> events) {
        Instant now = Instant.now();
        List<Map<String, Object>> lines = new ArrayList<>(events.size());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * events.size());
        for (AuditEvent event : events) {
            Map<String, Object> line = AuditLines.line(event, now);
            lines.add(line);
            bytes.writeBytes(AuditLines.format(line));
        }
        try {
            file.append(bytes.toByteArray());
        } catch (IOException | RuntimeException e) {
            if (warned.compareAndSet(false, true)) {
                err.println("warning: audit log not writable: " + reason(e));
            }
        }
        try {
            if (vault != null) {
                vault.backend().auditTrail().ifPresent(trail -> lines.forEach(trail::record));
            }
        } catch (AuthsomeException e) {
            // A store that cannot be used: the commands that use it say why; audit.log has the events.
        }
    }

    @Override
    public List<Map<String, Object>> tail(int count) {
        return reader.tail(count);
    }

    @Override
    public void follow(int count, Consumer<Map<String, Object>> sink) throws InterruptedException {
        reader.follow(count, sink);
    }

    private static String reason(Exception e) {
        if (e instanceof FileSystemException failed) {
            String what = failed.getReason() != null ? failed.getReason()
                    : failed instanceof AccessDeniedException ? "permission denied"
                    : failed instanceof NoSuchFileException ? "no such file or directory"
                    : failed instanceof FileAlreadyExistsException ? "exists and is not a directory"
                    : failed.getClass().getSimpleName();
            return what + ": " + failed.getFile();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
