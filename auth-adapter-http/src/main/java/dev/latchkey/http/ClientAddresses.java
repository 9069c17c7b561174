package dev.latchkey.http;

import io.javalin.http.Context;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy; then the right-most
 * address in {@code X-Forwarded-For} that is not itself a trusted proxy.
 */
final class ClientAddresses {

    private final List<Range> trusted;

    ClientAddresses(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(Range::parse).toList();
    }

    String of(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        if (trusted.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        String forwarded = ctx.header("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!isAddress(hop)) {
                return peer;
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return hops[0].strip();
    }

    /** Whether the request came straight from a trusted proxy, so that its forwarded headers count. */
    boolean isTrustedProxy(Context ctx) {
        return !trusted.isEmpty() && isTrusted(ctx.req().getRemoteAddr());
    }

    private boolean isTrusted(String address) {
        byte[] bytes = bytesOf(address);
        return bytes != null && trusted.stream().anyMatch(r -> r.contains(bytes));
    }

    private static boolean isAddress(String text) {
        return text.length() <= 45 && text.matches("[0-9a-fA-F:.]+") && bytesOf(text) != null;
    }

    private static byte[] bytesOf(String address) {
        try {
            // Only literal addresses get here (checked by the callers' patterns), so no lookup happens.
            return address.matches("[0-9a-fA-F:.]+") ? InetAddress.getByName(address).getAddress() : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An address or CIDR range. */
    private record Range(byte[] network, int prefix) {

        static Range parse(String text) {
            int slash = text.indexOf('/');
            byte[] network = bytesOf(slash < 0 ? text : text.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("not an address or CIDR range: " + text);
            }
            int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1));
            return new Range(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
