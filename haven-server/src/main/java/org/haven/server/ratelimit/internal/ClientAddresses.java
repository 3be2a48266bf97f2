package org.haven.server.ratelimit.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * The subject a client address is limited as. An IPv4 address stands for itself; an IPv6 client usually controls a
 * whole /64 (one customer network), so IPv6 addresses are limited by that prefix, or one client could rotate through
 * billions of addresses to escape its budget.
 */
final class ClientAddresses {

    private ClientAddresses() {}

    static String subjectOf(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isEmpty()) {
            return "unknown";
        }
        if (!isIpv6Literal(remoteAddress)) {
            return remoteAddress;
        }
        try {
            InetAddress address = InetAddress.getByName(remoteAddress);
            if (address instanceof Inet6Address) {
                return "ipv6-64:" + HexFormat.of().formatHex(address.getAddress(), 0, 8);
            }
            return address.getHostAddress(); // an IPv4-mapped IPv6 address is its IPv4 client
        } catch (UnknownHostException notAnAddress) {
            return remoteAddress;
        }
    }

    /**
     * Only hexadecimal digits, dots and at least one colon: the JDK then parses the text as an IPv6 literal or
     * refuses it, and never turns it into a name lookup.
     */
    private static boolean isIpv6Literal(String text) {
        boolean colon = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ':') {
                colon = true;
            } else if (c != '.' && Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return colon;
    }
}
