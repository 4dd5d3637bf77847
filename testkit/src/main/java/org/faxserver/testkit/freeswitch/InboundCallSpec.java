package org.faxserver.testkit.freeswitch;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * An inbound call for {@link FreeSwitchStandIn#dialInbound(InboundCallSpec)}: who calls whom,
 * the SIP details the dialplan would see, and the document the remote fax machine sends.
 * Immutable; build with {@code InboundCallSpec.from("15550199").to("15551230000").document(tif)}.
 */
public record InboundCallSpec(String from, String to, String diversion, String gateway, String networkIp,
                              Path document, Scenario scenario, InetSocketAddress target) {

    public static InboundCallSpec from(String caller) {
        return new InboundCallSpec(caller, "8084", null, null, "127.0.0.1", null, null, null);
    }

    public InboundCallSpec to(String number) {
        return new InboundCallSpec(from, number, diversion, gateway, networkIp, document, scenario, target);
    }

    /** A SIP Diversion header value, e.g. {@code <sip:15550001@carrier>;reason=unconditional}. */
    public InboundCallSpec diversion(String header) {
        return new InboundCallSpec(from, to, header, gateway, networkIp, document, scenario, target);
    }

    /** The gateway the call came in on ({@code variable_sip_gateway}). */
    public InboundCallSpec gateway(String name) {
        return new InboundCallSpec(from, to, diversion, name, networkIp, document, scenario, target);
    }

    /** The carrier's IP ({@code variable_sip_network_ip}). */
    public InboundCallSpec networkIp(String ip) {
        return new InboundCallSpec(from, to, diversion, gateway, ip, document, scenario, target);
    }

    /** The TIFF-F the remote machine transmits when our side runs rxfax. */
    public InboundCallSpec document(Path tiff) {
        return new InboundCallSpec(from, to, diversion, gateway, networkIp, tiff, scenario, target);
    }

    /**
     * Remote behaviour (ECM, V.17, noise, hangup after N pages, scripted result...); when not set,
     * the stand-in's scenario for the destination number (or its default) applies.
     */
    public InboundCallSpec scenario(Scenario s) {
        return new InboundCallSpec(from, to, diversion, gateway, networkIp, document, s, target);
    }

    /** Dials this address instead of the configured outbound-socket address. */
    public InboundCallSpec target(InetSocketAddress address) {
        return new InboundCallSpec(from, to, diversion, gateway, networkIp, document, scenario, address);
    }
}
