package io.authsome.ui.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.agent.Agents;
import io.authsome.api.agent.NewAgent;
import io.authsome.api.config.Config;
import io.authsome.api.config.Configuration;
import io.authsome.api.home.HomeLayout;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code /agents}: the agents of the shared proxy, and what its forms post: {@code /agents/add}
 * (name, and the allowed providers as {@code agent add --allow} takes them) and
 * {@code /agents/NAME/revoke}, each as the {@code agent} command does it, audited with
 * {@code via: ui}. After an add, the page shows the new agent's proxy URL once; an add that is
 * refused (a bad name or provider, a name taken) comes back as the page with the form as it was
 * sent and what to change (400).
 */
final class AgentSection implements Section {
    private static final String VIA = "ui";
    /** Refusals of an add that the person can fix in the form. */
    private static final Set<ErrorCode> FIXABLE = Set.of(ErrorCode.USAGE, ErrorCode.CONNECTION_EXISTS,
            ErrorCode.INVALID_INPUT);

    private final Agents agents;
    private final Configuration configuration;
    private final HomeLayout home;
    private final Notices notices;
    private final AddedAgents added;

    AgentSection(Agents agents, Configuration configuration, HomeLayout home, Notices notices, AddedAgents added) {
        this.agents = agents;
        this.configuration = configuration;
        this.home = home;
        this.notices = notices;
        this.added = added;
    }

    @Override
    public Answer answer(Request request) throws AuthsomeException {
        int size = request.segments().size();
        if (!request.isPost()) {
            return size == 1 ? page(request, 200, AgentPages.Form.EMPTY) : null;
        }
        if (size == 2 && request.segment(1).equals("add")) {
            return add(request);
        }
        if (size == 3 && request.segment(2).equals("revoke")) {
            String name = request.segment(1);
            agents.revoke(name, VIA);
            notices.put(request.session(), "Revoked agent " + name + ": the shared proxy refuses its credential from"
                    + " its next request on.");
            return Answer.redirect("/agents");
        }
        return null;
    }

    private Answer add(Request request) throws AuthsomeException {
        String name = request.form().getOrDefault("name", "").strip();
        String allow = request.form().getOrDefault("allow", "");
        List<String> entries = Arrays.asList(allow.split(","));
        NewAgent agent;
        try {
            agent = agents.add(name, configuration.current().profile(), entries, VIA);
        } catch (AuthsomeException e) {
            if (!FIXABLE.contains(e.code())) {
                throw e;
            }
            return page(request, 400, new AgentPages.Form(name, allow, e.getMessage(), e.nextStep()));
        }
        added.put(request.session(), agent);
        return Answer.redirect("/agents");
    }

    private Answer page(Request request, int status, AgentPages.Form form) throws AuthsomeException {
        Config config = configuration.current();
        return Answer.html(status, AgentPages.agents(agents.list(), config, home, request.csrf(),
                notices.take(request.session()), added.take(request.session()), form));
    }
}
