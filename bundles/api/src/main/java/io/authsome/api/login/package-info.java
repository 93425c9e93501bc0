/**
 * Login flows: a {@link io.authsome.api.login.LoginFlow} service per flow kind ({@code api_key},
 * {@code pkce}, {@code device_code}, ...), chosen by the provider's {@code flow} or
 * {@code login --flow}. The {@link io.authsome.api.login.Logins} service (since 2.2) runs a
 * login for the console's {@code login} command and for the dashboard, and stores what the flow
 * returns. A flow talks with whoever logs in only through the request's
 * {@link io.authsome.api.login.LoginInteraction}.
 */
@Export
@Version("2.3.0")
package io.authsome.api.login;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
