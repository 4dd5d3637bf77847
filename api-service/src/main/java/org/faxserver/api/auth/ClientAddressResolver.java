package org.faxserver.api.auth;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import org.faxserver.api.auth.model.ClientAddress;
import org.faxserver.api.auth.model.TrustedProxies;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The client address a request is throttled by: the connection's peer, or behind a trusted reverse proxy
 * ({@code faxserver.security.trusted-proxies}) the address that proxy reports in {@code X-Forwarded-For}.
 */
@Component
public class ClientAddressResolver {
    private final TrustedProxies proxies;

    public ClientAddressResolver(SecurityProperties props) {
        this.proxies = TrustedProxies.parse(props.trustedProxies());
    }

    /** The client's throttle key (IPv6 by /64, see {@link ClientAddress}). */
    public String throttleKey(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        InetAddress peer = remote == null ? null : remote.getAddress();
        List<String> forwardedFor = exchange.getRequest().getHeaders().get("X-Forwarded-For");
        return ClientAddress.throttleKey(proxies.clientOf(peer, forwardedFor));
    }
}
