package org.faxserver.testkit.freeswitch;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Settings of a {@link FreeSwitchStandIn}. Immutable; start from {@link #defaults()}.
 *
 * @param host              listen address of the inbound ESL port
 * @param port              inbound ESL port (0 = ephemeral)
 * @param password          the {@code auth} password
 * @param outboundSocket    where inbound calls (and the B leg of loopback calls) are delivered,
 *                          like the dialplan's {@code socket host:port async full}; may be null
 * @param workDir           where the simulated remote machines write received TIFFs
 * @param heartbeatInterval HEARTBEAT period
 * @param gateways          known gateways; empty = every gateway name is accepted
 * @param hostname          FreeSWITCH-Hostname of events
 * @param nativeFax         build/check the T.30 helper at start (fails fast without libspandsp-dev);
 *                          false for scripted-only use
 */
public record StandInConfig(String host, int port, String password, InetSocketAddress outboundSocket, Path workDir,
                            Duration heartbeatInterval, Set<String> gateways, String hostname, boolean nativeFax) {

    public static StandInConfig defaults() {
        return new StandInConfig("127.0.0.1", 0, "ClueCon", null, null, Duration.ofSeconds(20), Set.of(), "standin", true);
    }

    /** Skips the T.30 helper check at start (only {@link Scenario#scripted} faxes will work without it). */
    public StandInConfig withoutNativeFax() {
        return new StandInConfig(host, port, password, outboundSocket, workDir, heartbeatInterval, gateways, hostname, false);
    }

    public StandInConfig withPort(int p) {
        return new StandInConfig(host, p, password, outboundSocket, workDir, heartbeatInterval, gateways, hostname, nativeFax);
    }

    public StandInConfig withPassword(String p) {
        return new StandInConfig(host, port, p, outboundSocket, workDir, heartbeatInterval, gateways, hostname, nativeFax);
    }

    public StandInConfig withOutboundSocket(InetSocketAddress a) {
        return new StandInConfig(host, port, password, a, workDir, heartbeatInterval, gateways, hostname, nativeFax);
    }

    public StandInConfig withWorkDir(Path d) {
        return new StandInConfig(host, port, password, outboundSocket, d, heartbeatInterval, gateways, hostname, nativeFax);
    }

    public StandInConfig withHeartbeat(Duration d) {
        return new StandInConfig(host, port, password, outboundSocket, workDir, d, gateways, hostname, nativeFax);
    }

    public StandInConfig withGateways(Set<String> g) {
        return new StandInConfig(host, port, password, outboundSocket, workDir, heartbeatInterval, Set.copyOf(g), hostname, nativeFax);
    }
}
