package io.authsome.provider.aws.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AwsEndpointTest {
    @ParameterizedTest(name = "{0} -> {1} {2} s3={3}")
    @CsvSource(nullValues = "-", value = {
            // regional services, their FIPS and dual-stack variants
            "ec2.us-east-1.amazonaws.com, ec2, us-east-1, false",
            "ec2-fips.us-east-1.amazonaws.com, ec2, us-east-1, false",
            "ec2.dualstack.eu-west-1.amazonaws.com, ec2, eu-west-1, false",
            "dynamodb-fips.dualstack.us-gov-west-1.amazonaws.com, dynamodb, us-gov-west-1, false",
            "sqs.ap-southeast-2.amazonaws.com, sqs, ap-southeast-2, false",
            "sts.eu-central-1.amazonaws.com, sts, eu-central-1, false",
            "lambda.il-central-1.amazonaws.com, lambda, il-central-1, false",
            "ec2.cn-north-1.amazonaws.com.cn, ec2, cn-north-1, false",
            "s3.cn-northwest-1.amazonaws.com.cn, s3, cn-northwest-1, true",
            "ec2.us-isob-east-1.amazonaws.com, ec2, us-isob-east-1, false",
            // endpoint names that are not signing names
            "email.us-west-2.amazonaws.com, ses, us-west-2, false",
            "bedrock-runtime.us-east-1.amazonaws.com, bedrock, us-east-1, false",
            "runtime.sagemaker.eu-west-1.amazonaws.com, sagemaker, eu-west-1, false",
            "api.ecr.us-east-1.amazonaws.com, ecr, us-east-1, false",
            "a1b2c3-ats.iot.us-east-1.amazonaws.com, iot, us-east-1, false",
            "data-ats.iot.us-east-1.amazonaws.com, iotdata, us-east-1, false",
            "abc123.execute-api.eu-west-2.amazonaws.com, execute-api, eu-west-2, false",
            "xyz.appsync-api.us-east-1.amazonaws.com, appsync, us-east-1, false",
            "queue.amazonaws.com, sqs, us-east-1, false",
            // the region before the service: a domain's own endpoint, legacy names
            "search-logs-abc123.us-west-2.es.amazonaws.com, es, us-west-2, false",
            "us-east-1.elasticmapreduce.amazonaws.com, elasticmapreduce, us-east-1, false",
            // global services
            "iam.amazonaws.com, iam, us-east-1, false",
            "sts.amazonaws.com, sts, us-east-1, false",
            "route53.amazonaws.com, route53, us-east-1, false",
            "cloudfront.amazonaws.com, cloudfront, us-east-1, false",
            "organizations.amazonaws.com, organizations, us-east-1, false",
            "globalaccelerator.amazonaws.com, globalaccelerator, us-west-2, false",
            "newthing.amazonaws.com, newthing, -, false",
            // S3: path style, virtual-hosted, legacy dash, dual-stack, FIPS, global, accelerate
            "s3.amazonaws.com, s3, us-east-1, true",
            "s3.us-west-2.amazonaws.com, s3, us-west-2, true",
            "s3-eu-west-1.amazonaws.com, s3, eu-west-1, true",
            "s3-external-1.amazonaws.com, s3, us-east-1, true",
            "my-bucket.s3.amazonaws.com, s3, us-east-1, true",
            "my-bucket.s3.us-west-2.amazonaws.com, s3, us-west-2, true",
            "my.dotted.bucket.s3.eu-west-3.amazonaws.com, s3, eu-west-3, true",
            "s3.logs.s3.us-east-2.amazonaws.com, s3, us-east-2, true",
            "my-bucket.s3-ap-northeast-1.amazonaws.com, s3, ap-northeast-1, true",
            "s3.dualstack.us-west-2.amazonaws.com, s3, us-west-2, true",
            "my-bucket.s3.dualstack.us-west-2.amazonaws.com, s3, us-west-2, true",
            "s3-fips.us-gov-west-1.amazonaws.com, s3, us-gov-west-1, true",
            "s3-fips.dualstack.us-east-1.amazonaws.com, s3, us-east-1, true",
            "my-bucket.s3-accelerate.amazonaws.com, s3, -, true",
            "my-bucket.s3-accelerate.dualstack.amazonaws.com, s3, -, true",
            "ap-123456789012.s3-accesspoint.us-west-2.amazonaws.com, s3, us-west-2, true",
            "123456789012.s3-control.us-east-1.amazonaws.com, s3, us-east-1, true",
            "ol-123456789012.s3-object-lambda.us-east-1.amazonaws.com, s3-object-lambda, us-east-1, true",
    })
    void theHostNameGivesServiceAndRegion(String host, String service, String region, boolean s3) {
        AwsEndpoint endpoint = AwsEndpoint.of(host);
        assertEquals(new AwsEndpoint(service, region, s3), endpoint);
    }

    @Test
    void hostsOutsideAwsHaveNoEndpoint() {
        assertNull(AwsEndpoint.of("example.com"));
        assertNull(AwsEndpoint.of("amazonaws.com"));
        assertNull(AwsEndpoint.of("s3.amazonaws.com.evil.example"));
        assertNull(AwsEndpoint.of("amazonaws.com.cn"));
    }

    @Test
    void regionNamesAreRecognisedByShape() {
        for (String region : new String[] {"us-east-1", "us-gov-west-1", "cn-north-1", "ap-southeast-4",
                "us-isob-east-1", "eu-central-2", "mx-central-1"}) {
            assertTrue(Regions.isRegion(region), region);
        }
        for (String other : new String[] {"s3", "dualstack", "us-east", "useast-1", "us-east-1a", "US-EAST-1",
                "s3-external-1", "us--1", "u-east-1", "us-east-123", ""}) {
            assertFalse(Regions.isRegion(other), other);
        }
    }
}
