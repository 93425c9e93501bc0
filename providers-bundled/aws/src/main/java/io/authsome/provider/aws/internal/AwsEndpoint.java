package io.authsome.provider.aws.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an AWS host name says about the signature of its requests: the service's signing name
 * and the region, and whether S3's rules apply (no path normalisation, unsigned payloads).
 * Parsed label by label, without regular expressions (it runs for every request).
 *
 * @param service the signing name, e.g. {@code s3}, {@code ec2}, {@code ses} for {@code email}
 * @param region  the signing region, or {@code null} when the host does not say (an unknown
 *                global endpoint, S3 Transfer Acceleration): the connection's region applies
 * @param s3      whether the host is one of S3's, signed with S3's rules
 */
record AwsEndpoint(String service, String region, boolean s3) {
    /** The region of S3's global endpoints and of most global services. */
    static final String US_EAST_1 = "us-east-1";
    private static final String[] SUFFIXES = {".amazonaws.com", ".amazonaws.com.cn"};
    /** Services with one global endpoint ({@code iam.amazonaws.com}) and the region that signs for it. */
    private static final Map<String, String> GLOBAL_REGIONS = Map.ofEntries(
            Map.entry("iam", US_EAST_1), Map.entry("sts", US_EAST_1), Map.entry("route53", US_EAST_1),
            Map.entry("cloudfront", US_EAST_1), Map.entry("organizations", US_EAST_1), Map.entry("waf", US_EAST_1),
            Map.entry("shield", US_EAST_1), Map.entry("budgets", US_EAST_1), Map.entry("ce", US_EAST_1),
            Map.entry("health", US_EAST_1), Map.entry("importexport", US_EAST_1), Map.entry("sdb", US_EAST_1),
            Map.entry("ec2", US_EAST_1), Map.entry("sqs", US_EAST_1), Map.entry("sns", US_EAST_1),
            Map.entry("globalaccelerator", "us-west-2"), Map.entry("networkmanager", "us-west-2"));
    /** Endpoint names whose signing name differs. */
    private static final Map<String, String> SIGNING_NAMES = Map.of(
            "email", "ses", "queue", "sqs", "bedrock-runtime", "bedrock", "bedrock-agent-runtime", "bedrock",
            "bedrock-agent", "bedrock", "appsync-api", "appsync", "runtime-v2-lex", "lex", "models-v2-lex", "lex",
            "aps-workspaces", "aps");
    /** S3 endpoint labels without a region in them, and the signing name each stands for. */
    private static final Map<String, String> S3_LABELS = Map.ofEntries(
            Map.entry("s3", "s3"), Map.entry("s3-fips", "s3"), Map.entry("s3-external-1", "s3"),
            Map.entry("s3-accelerate", "s3"), Map.entry("s3-accesspoint", "s3"),
            Map.entry("s3-accesspoint-fips", "s3"), Map.entry("s3-control", "s3"), Map.entry("s3-control-fips", "s3"),
            Map.entry("s3-object-lambda", "s3-object-lambda"), Map.entry("s3-object-lambda-fips", "s3-object-lambda"),
            Map.entry("s3-outposts", "s3-outposts"));

    /**
     * The endpoint of {@code host} (lowercase, without port).
     *
     * @return {@code null} when the host is not an AWS one ({@code *.amazonaws.com},
     *         {@code *.amazonaws.com.cn}) or names no service
     */
    static AwsEndpoint of(String host) {
        List<String> labels = labels(host);
        if (labels == null || labels.isEmpty()) {
            return null;
        }
        for (int i = labels.size() - 1; i >= 0; i--) {
            AwsEndpoint s3 = s3(labels, i);
            if (s3 != null) {
                return s3;
            }
        }
        int regionAt = -1;
        for (int i = labels.size() - 1; i >= 0 && regionAt < 0; i--) {
            if (Regions.isRegion(labels.get(i))) {
                regionAt = i;
            }
        }
        if (regionAt < 0) {
            String service = signingName(labels, labels.size() - 1);
            return new AwsEndpoint(service, GLOBAL_REGIONS.get(service), false);
        }
        int serviceAt;
        if (regionAt < labels.size() - 1) {
            // a domain's own endpoint: search-mydomain-abc.us-west-2.es, us-east-1.elasticmapreduce
            serviceAt = labels.size() - 1;
        } else {
            serviceAt = regionAt - 1;
            while (serviceAt >= 0 && isVariant(labels.get(serviceAt))) {
                serviceAt--;
            }
            if (serviceAt < 0) {
                return null;
            }
        }
        return new AwsEndpoint(signingName(labels, serviceAt), labels.get(regionAt), false);
    }

    /** The endpoint when label {@code at} is one of S3's, else {@code null}. */
    private static AwsEndpoint s3(List<String> labels, int at) {
        String label = labels.get(at);
        String service = S3_LABELS.get(label);
        if (service == null) {
            // the legacy dash form: s3-us-west-2.amazonaws.com, bucket.s3-eu-west-1.amazonaws.com
            if (label.startsWith("s3-") && Regions.isRegion(label.substring(3))) {
                return new AwsEndpoint("s3", label.substring(3), true);
            }
            return null;
        }
        for (int i = at + 1; i < labels.size(); i++) {
            String next = labels.get(i);
            if (Regions.isRegion(next)) {
                return new AwsEndpoint(service, next, true);
            }
            if (!isVariant(next)) {
                break;
            }
        }
        boolean global = label.equals("s3") || label.equals("s3-external-1");
        return new AwsEndpoint(service, global ? US_EAST_1 : null, true);
    }

    /** The signing name of the service that label {@code at} names. */
    private static String signingName(List<String> labels, int at) {
        String name = labels.get(at);
        if (name.endsWith("-fips")) {
            name = name.substring(0, name.length() - "-fips".length());
        }
        if (name.equals("iot") && at > 0 && labels.get(at - 1).startsWith("data")) {
            return "iotdata"; // data-ats.iot.<region>: the device data plane
        }
        return SIGNING_NAMES.getOrDefault(name, name);
    }

    /** Labels that choose an endpoint variant rather than name a service or region. */
    private static boolean isVariant(String label) {
        return label.equals("dualstack") || label.equals("fips");
    }

    /** The labels before the AWS suffix, or {@code null} when the host has none of the suffixes. */
    private static List<String> labels(String host) {
        for (String suffix : SUFFIXES) {
            if (host.endsWith(suffix)) {
                List<String> labels = new ArrayList<>(6);
                int end = host.length() - suffix.length();
                int start = 0;
                for (int dot = host.indexOf('.'); dot >= 0 && dot < end; dot = host.indexOf('.', start)) {
                    labels.add(host.substring(start, dot));
                    start = dot + 1;
                }
                if (start < end) {
                    labels.add(host.substring(start, end));
                }
                return labels;
            }
        }
        return null;
    }
}
