package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class InsufficientScopeTest {
    private static HttpHead forbidden(String... fields) {
        HttpHead head = new HttpHead("HTTP/1.1 403 Forbidden");
        for (int i = 0; i < fields.length; i += 2) {
            head.add(fields[i], fields[i + 1]);
        }
        return head;
    }

    @Test
    void bearerChallengesAndGithubHeadersNameTheScopes() {
        assertEquals(List.of("repo", "admin:org"), InsufficientScope.needed(forbidden("WWW-Authenticate",
                "Bearer realm=\"api\", error=\"insufficient_scope\", scope=\"repo admin:org\"")));
        assertEquals(List.of(), InsufficientScope.needed(forbidden("WWW-Authenticate", "Bearer error=\"insufficient_scope\"")));
        assertEquals(List.of("repo", "public_repo"), InsufficientScope.needed(forbidden(
                "X-Accepted-OAuth-Scopes", "repo, public_repo", "X-OAuth-Scopes", "read:user")));
    }

    @Test
    void otherForbiddenAnswersAreNotAboutScopes() {
        assertNull(InsufficientScope.needed(forbidden()));
        assertNull(InsufficientScope.needed(forbidden("WWW-Authenticate", "Bearer error=\"invalid_token\"")));
        assertNull(InsufficientScope.needed(forbidden("X-Accepted-OAuth-Scopes", "repo", "X-OAuth-Scopes", "repo, gist")),
                "a rate limit, say: the scope is granted");
    }

    @Test
    void theLoginScopesKeepWhatWasGranted() {
        assertEquals(List.of("openid", "offline_access", "repo"), InsufficientScope.union("openid offline_access", List.of("repo", "openid")));
        assertEquals(List.of("repo"), InsufficientScope.union(null, List.of("repo")));
    }
}
