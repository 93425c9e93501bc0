package io.authsome.api.health;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A whiteboard service that {@code authsome doctor} runs. Implemented by any bundle that owns
 * state which can break (the home directory, provider definitions, the vault, ...).
 * <p>
 * Called from the console thread, once per {@code doctor} run; implementations must not block
 * for long and must not put secret values in findings.
 */
@ConsumerType
public interface HealthCheck {
    /** Service property: the order in which doctor runs the check (lower first). */
    String ORDER = "authsome.health.order";

    /**
     * Runs the check.
     *
     * @return the findings, in the order doctor shows them; never {@code null}
     */
    List<Finding> check();
}
