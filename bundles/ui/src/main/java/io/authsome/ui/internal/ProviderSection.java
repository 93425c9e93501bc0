package io.authsome.ui.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.config.Configuration;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.vault.Vault;
import io.authsome.common.connection.ProfileOverview;
import java.time.Instant;
import java.util.Optional;

/**
 * The overview ({@code /}) and the provider pages ({@code /providers/P}, the removal's
 * confirmation at {@code /providers/P/remove}), and what their buttons post: {@code /providers/P/remove}
 * and {@code /providers/P/connections/C/default|logout|revoke}. After a change, back to the
 * provider's page (the overview after a removal), which says what was done.
 */
final class ProviderSection implements Section {
    private final ProviderCatalog catalog;
    private final Vault vault;
    private final Configuration configuration;
    private final Actions actions;
    private final Notices notices;

    ProviderSection(ProviderCatalog catalog, Vault vault, Configuration configuration, Actions actions,
                    Notices notices) {
        this.catalog = catalog;
        this.vault = vault;
        this.configuration = configuration;
        this.actions = actions;
        this.notices = notices;
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
        if (request.segments().size() == 3 && request.segment(2).equals("remove")) {
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
