package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.authsome.api.audit.AuditEvent;
import io.authsome.api.provider.Provider;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit event of a forwarded request for each decision, and what the request went through. */
class RequestRecordTest {
    private static final String SECRET = "sk-live-0123456789abcdef";
    private static final Exchange.Target TARGET = new Exchange.Target(true, "api.acme.test", 443, "/v1/items?key=q");

    private static RouteTable.Inject inject() {
        Provider acme = RouteTableTest.provider("acme", null, "api.acme.test");
        return (RouteTable.Inject) new RouteTable(RouteTableTest.targets(acme)).decide(TARGET);
    }

    private static AuditEvent event(RequestRecord record) {
        return record.event("default", System.nanoTime());
    }

    @Test
    void anInjectedRequestNamesItsProviderAndConnectionAndNeverTheCredentialOrTheQuery() {
        RequestRecord record = new RequestRecord(TARGET, "GET", inject());
        record.header = new CredentialSource.Header("Authorization", "Bearer " + SECRET);
        record.status = 200;
        AuditEvent event = event(record);
        assertEquals("injected", event.details().get("mode"));
        assertEquals("acme", event.provider());
        assertEquals("/v1/items", event.details().get("path"));
        assertFalse(event.toString().contains(SECRET));
        assertFalse(event.toString().contains("key=q"));
        assertNull(event.details().get("retried_after_401"));
    }

    @Test
    void aRetryIsNamedAfterWhatCausedIt() {
        RequestRecord after401 = new RequestRecord(TARGET, "GET", inject());
        after401.header = new CredentialSource.Header("Authorization", "Bearer " + SECRET);
        after401.retried = true;
        assertEquals(true, event(after401).details().get("retried_after_401"));
        RequestRecord signed = new RequestRecord(TARGET, "POST", inject());
        signed.retried = true;
        signed.pluginError = "clock skew";
        assertEquals(true, event(signed).details().get("retried_after_refusal"));
        assertEquals("clock skew", event(signed).details().get("plugin_error"));
    }

    @Test
    void theOtherDecisionsHaveTheirOwnModes() {
        RequestRecord ambiguous = new RequestRecord(TARGET, "GET", new RouteTable.Ambiguous(List.of("a", "b")));
        assertEquals("ambiguous", event(ambiguous).details().get("mode"));
        assertEquals("a,b", event(ambiguous).details().get("providers"));
        RequestRecord withheld = new RequestRecord(TARGET, "GET", new RouteTable.Withheld("acme"));
        assertEquals(ProxyRequest.NOT_ALLOWED, event(withheld).details().get("mode"));
        assertEquals("acme", event(withheld).provider());
        RequestRecord passed = new RequestRecord(TARGET, "GET", new RouteTable.Pass("no route"));
        passed.neededScopes = "repo";
        assertEquals("passed", event(passed).details().get("mode"));
        assertEquals("repo", event(passed).details().get("insufficient_scope"));
    }
}
