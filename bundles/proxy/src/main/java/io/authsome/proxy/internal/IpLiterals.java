package io.authsome.proxy.internal;

import java.util.regex.Pattern;

/** Whether a host is an IP address written out, which certificates and SNI treat unlike a name. */
final class IpLiterals {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private IpLiterals() {
    }

    /** Whether {@code host} is an IPv4 or IPv6 literal (without brackets) rather than a DNS name. */
    static boolean is(String host) {
        return host.contains(":") || IPV4.matcher(host).matches();
    }
}
