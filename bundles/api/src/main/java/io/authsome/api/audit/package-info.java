/**
 * The audit log: every action on a credential is recorded as one event, never with a secret
 * value. Commands and services call {@link io.authsome.api.audit.AuditLog}; the audit bundle
 * writes JSON lines to {@code $AUTHSOME_HOME/audit.log}.
 */
@Export
@Version("1.1.0")
package io.authsome.api.audit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
