package io.authsome.provider.aws.internal;

import io.authsome.api.plugin.ConnectionFields;
import io.authsome.api.plugin.CredentialField;
import io.authsome.api.plugin.CredentialInjector;
import io.authsome.api.plugin.CredentialPlugin;
import io.authsome.api.plugin.InjectionException;
import io.authsome.api.plugin.InvalidFieldException;
import io.authsome.api.plugin.OutgoingRequest;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code aws-sigv4} injector of the {@code aws} provider: signs every request to an AWS host
 * with Signature Version 4 from the connection's access key, in place of the signature the client
 * made with its placeholder key. Service and region come from the host name (the connection's
 * region where the host names none); S3 requests are signed with {@code UNSIGNED-PAYLOAD} so that
 * their bodies stream through unread, any other service's with the body's hash. A refusal for a
 * clock that is off teaches the signer the server's time. Requests that {@link SigningPolicy}
 * leaves alone (presigned URLs, other credentials, the account's own servers) pass unchanged.
 * Delayed component: created when first used (a login's check, a proxied request); one clock
 * correction serves every run of the runtime.
 */
@Component(service = CredentialInjector.class, property = CredentialPlugin.ID + "=" + AwsSigV4Injector.ID)
public final class AwsSigV4Injector implements CredentialInjector {
    /** The plugin id that the aws provider definition names. */
    public static final String ID = "aws-sigv4";
    private final RequestSigner signer = new RequestSigner();
    private final ClockSkew clock = new ClockSkew();

    @Override
    public List<CredentialField> fields() {
        return AwsFields.FIELDS;
    }

    @Override
    public Map<String, String> check(ConnectionFields values) throws InvalidFieldException {
        return AwsFields.check(values);
    }

    @Override
    public boolean needsPayloadHash(OutgoingRequest request) {
        if (!SigningPolicy.signs(request)) {
            return false;
        }
        AwsEndpoint endpoint = AwsEndpoint.of(request.host());
        return endpoint != null && !endpoint.s3();
    }

    @Override
    public void inject(OutgoingRequest request, ConnectionFields fields) throws InjectionException {
        if (!SigningPolicy.signs(request)) {
            return;
        }
        AwsEndpoint endpoint = AwsEndpoint.of(request.host());
        if (endpoint == null) {
            throw new InjectionException(request.host() + " is not an AWS endpoint that the aws provider can sign for");
        }
        String region = endpoint.region() != null ? endpoint.region()
                : fields.get(AwsFields.REGION).orElse(AwsEndpoint.US_EAST_1);
        AwsEndpoint scope = new AwsEndpoint(endpoint.service(), region, endpoint.s3());
        String payloadHash = endpoint.s3() ? SigningPolicy.s3PayloadHash(request) : request.payloadSha256();
        if (!endpoint.s3() && !request.header(SigningPolicy.CONTENT_SHA256).isEmpty()) {
            request.setHeader(SigningPolicy.CONTENT_SHA256, payloadHash);
        }
        RequestSigner.Credentials credentials = new RequestSigner.Credentials(required(fields, AwsFields.ACCESS_KEY_ID),
                required(fields, AwsFields.SECRET_ACCESS_KEY), fields.get(AwsFields.SESSION_TOKEN).orElse(null));
        signer.sign(request, credentials, scope, clock.correct(request.now()), payloadHash);
    }

    private static String required(ConnectionFields fields, String name) throws InjectionException {
        return fields.get(name).orElseThrow(() -> new InjectionException("the connection " + fields.connection()
                + " has no " + name + "; log in to aws again"));
    }

    @Override
    public boolean retry(OutgoingRequest request, Refusal refusal) {
        return SigningPolicy.signs(request) && clock.learn(refusal, request.now());
    }
}
