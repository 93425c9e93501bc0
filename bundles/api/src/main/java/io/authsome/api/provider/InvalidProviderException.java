package io.authsome.api.provider;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import java.util.List;
import java.util.stream.Collectors;

/** A provider definition failed validation; every problem found is listed. */
public class InvalidProviderException extends AuthsomeException {
    private static final long serialVersionUID = 1L;

    private final transient List<ProviderProblem> problems;

    /** A validation failure listing {@code problems} in its message ({@code INVALID_INPUT}, exit 65). */
    public InvalidProviderException(List<ProviderProblem> problems) {
        super(ErrorCode.INVALID_INPUT, "invalid provider definition:\n  "
                + problems.stream().map(ProviderProblem::toString).collect(Collectors.joining("\n  ")),
                "fix the fields named above, then run the command again");
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in the order found. */
    public List<ProviderProblem> problems() {
        return problems;
    }
}
