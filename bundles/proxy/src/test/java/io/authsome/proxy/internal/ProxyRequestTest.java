package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.authsome.api.audit.AuditEvent;
import org.junit.jupiter.api.Test;

class ProxyRequestTest {
    private static String outcome(String mode, int status) {
        return new ProxyRequest(mode, "acme", "default", "api.acme.test", "GET", "/v1", status, 0, 0,
                System.nanoTime()).event("default").outcome();
    }

    @Test
    void anInjectedRequestTheApiAnsweredIsASuccess() {
        assertEquals(AuditEvent.SUCCESS, outcome("injected", 200));
        assertEquals(AuditEvent.SUCCESS, outcome("injected", 404));
    }

    @Test
    void aRequestAnswered401IsAFailure() {
        assertEquals(AuditEvent.FAILURE, outcome("injected", 401));
        assertEquals(AuditEvent.FAILURE, outcome("passed", 401));
    }

    @Test
    void anInjectedCredentialRefused403IsAFailure() {
        assertEquals(AuditEvent.FAILURE, outcome("injected", 403));
    }

    @Test
    void noAnswerOrAServerErrorIsAFailure() {
        assertEquals(AuditEvent.FAILURE, outcome("injected", 0));
        assertEquals(AuditEvent.FAILURE, outcome("tunnelled", 502));
    }
}
