package io.authsome.ui.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.config.Configuration;
import io.authsome.api.login.Logins;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.vault.Vault;
import io.authsome.common.connection.ProfileOverview;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The overview ({@code /}) and the provider pages ({@code /providers/P}, the removal's
 * confirmation at {@code /providers/P/remove}), and what their buttons post: {@code /providers/P/remove}
 * and {@code /providers/P/connections/C/default|logout|revoke}. After a change, back to the
 * provider's page (the overview after a removal), which says what was done. The connect form
 * ({@code /providers/P/connect}) and the scope upgrade ({@code /providers/P/connections/C/upgrade})
 * start a login and lead to its page, {@code /login}.
 */
final class ProviderSection implements Section {
    /** How long a login from the dashboard waits for the person, as {@code login}'s default. */
    static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(300);

    private final ProviderCatalog catalog;
    private final Vault vault;
    private final Configuration configuration;
    private final Actions actions;
    private final Notices notices;
    private final DashboardLogins logins;

    ProviderSection(ProviderCatalog catalog, Vault vault, Configuration configuration, Actions actions,
                    Notices notices, DashboardLogins logins) {
        this.catalog = catalog;
        this.vault = vault;
        this.configuration = configuration;
        this.actions = actions;
        this.notices = notices;
        this.logins = logins;
    }

    @Override
    public Answer answer(Request request) throws AuthsomeException {
        return request.isPost() ? change(request) : page(request);
    }

    private Answer change(Request request) throws AuthsomeException {
        if (request.segments().size() < 3) {
            return null;
        }
        String profile = configuration.current().profile();
        Provider provider = catalog.require(request.segment(1));
        String done;
        String back = "/providers/" + provider.name();
        if (request.segments().size() == 3 && request.segment(2).equals("connect")) {
            String connection = request.form().getOrDefault("connection", "").strip();
            return login(request, profile, provider, connection.isEmpty() ? "default" : connection,
                    request.form().containsKey("force"));
        } else if (request.segments().size() == 5 && request.segment(2).equals("connections")
                && request.segment(4).equals("upgrade")) {
            return login(request, profile, provider, request.segment(3), false);
        } else if (request.segments().size() == 3 && request.segment(2).equals("remove")) {
            done = actions.remove(profile, provider);
            back = "/";
        } else if (request.segments().size() == 5 && request.segment(2).equals("connections")) {
            String connection = request.segment(3);
            done = switch (request.segment(4)) {
                case "default" -> actions.setDefault(profile, provider, connection);
                case "logout" -> actions.logout(profile, provider, connection);
                case "revoke" -> actions.revoke(profile, provider, connection);
                default -> null;
            };
        } else {
            done = null;
        }
        if (done == null) {
            return null;
        }
        notices.put(request.session(), done);
        return Answer.redirect(back);
    }

    /**
     * Starts a login of the session as {@code authsome login} would (with {@code --scopes} from the
     * form, {@code --force} when asked), audited {@code via: ui}; a scope upgrade needs no force.
     */
    private Answer login(Request request, String profile, Provider provider, String connection, boolean force)
            throws AuthsomeException {
        if (!connection.matches(LoginPages.CONNECTION_PATTERN)) {
            throw new AuthsomeException(ErrorCode.USAGE, "'" + connection + "' is not a connection name: letters,"
                    + " digits, '_', '.' and '-', starting with a letter or digit, at most 64", null);
        }
        Logins.Order order = new Logins.Order(provider.name(), null, profile, connection,
                scopes(request.form().get("scopes")), null, null, force, false, LOGIN_TIMEOUT, "ui");
        logins.start(request.session(), order, provider.definition().displayName());
        return Answer.redirect("/login");
    }

    /** The scopes of a form field, separated by spaces or commas. */
    static List<String> scopes(String field) {
        return field == null ? List.of() : Arrays.stream(field.split("[\\s,]+")).filter(s -> !s.isEmpty()).distinct()
                .toList();
    }

    private Answer page(Request request) throws AuthsomeException {
        ProfileOverview overview = ProfileOverview.of(catalog, vault, configuration.current().profile(), Instant.now());
        if (request.segments().isEmpty()) {
            return Answer.html(200, Pages.overview(overview, request.csrf(), notices.take(request.session())));
        }
        String name = request.segment(1);
        Optional<ProfileOverview.Entry> entry = overview.provider(name);
        if (entry.isEmpty()) {
            return Answer.problem(404, "Unknown provider", "No provider is named " + name + ".", "authsome list");
        }
        if (request.segments().size() == 2) {
            return Answer.html(200, Pages.provider(entry.get(), overview.profile(), request.csrf(),
                    notices.take(request.session())));
        }
        if (request.segments().size() == 3 && request.segment(2).equals("remove")) {
            return Answer.html(200, Pages.confirmRemove(entry.get(), overview.profile(), request.csrf()));
        }
        return null;
    }
}
