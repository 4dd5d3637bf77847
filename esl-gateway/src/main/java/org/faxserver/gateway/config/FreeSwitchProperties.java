package org.faxserver.gateway.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code faxserver.freeswitch.*}: the FreeSWITCH node this gateway drives.
 *
 * @param host                  event socket host
 * @param port                  event socket port
 * @param password              event socket password ({@code event_socket.conf.xml})
 * @param maxChannels           fax calls this gateway runs at once on the node
 * @param documentRoot          the document directory as FreeSWITCH sees it; empty = the same path
 *                              as {@code faxserver.documents.root}
 * @param softmodemFallback     learn and apply the softmodem fallback list (the seed's
 *                              {@code softmodem_fallback})
 * @param faxVerbose            spandsp protocol logging on calls ({@code fax_verbose})
 * @param originateTimeout      how long FreeSWITCH lets a call ring ({@code originate_timeout})
 * @param commandTimeout        how long to wait for FreeSWITCH's reply to a command
 * @param reconnectInitialDelay first reconnect delay, doubled per failure
 * @param reconnectMaxDelay     longest reconnect delay
 * @param ident                 the CSI ({@code fax_ident}) of received faxes whose number names none
 *                              (the seed's {@code freeswitch.ident}); empty = the called number
 * @param inboundSocket         the outbound-socket server FreeSWITCH's {@code socket} application dials
 */
@ConfigurationProperties("faxserver.freeswitch")
public record FreeSwitchProperties(
    @DefaultValue("127.0.0.1") String host,
    @DefaultValue("8021") int port,
    @DefaultValue("ClueCon") String password,
    @DefaultValue("10") int maxChannels,
    String documentRoot,
    @DefaultValue("true") boolean softmodemFallback,
    @DefaultValue("false") boolean faxVerbose,
    @DefaultValue("60s") Duration originateTimeout,
    @DefaultValue("10s") Duration commandTimeout,
    @DefaultValue("500ms") Duration reconnectInitialDelay,
    @DefaultValue("30s") Duration reconnectMaxDelay,
    @DefaultValue("") String ident,
    @DefaultValue InboundSocket inboundSocket) {

  public FreeSwitchProperties {
    if (maxChannels < 1) {
      throw new IllegalArgumentException("faxserver.freeswitch.max-channels must be at least 1");
    }
  }

  /**
   * {@code faxserver.freeswitch.inbound-socket.*}: where FreeSWITCH's
   * {@code socket <host>:<port> async full} connects for every incoming call.
   *
   * @param enabled      run the server (the receiving side)
   * @param host         address to listen on; the address FreeSWITCH dials, not 0.0.0.0
   * @param port         port (the seed's {@code event_server_socket}; 0 picks a free one)
   * @param allowedPeers FreeSWITCH's addresses (IPs or CIDR blocks); empty allows every peer
   * @param maxSessions  call sockets open at once; more are closed at once
   */
  public record InboundSocket(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("127.0.0.1") String host,
      @DefaultValue("8084") int port,
      @DefaultValue List<String> allowedPeers,
      @DefaultValue("1000") int maxSessions) {}

  @Override
  public String toString() {
    return "FreeSwitchProperties[" + host + ":" + port + ", maxChannels=" + maxChannels + "]"; // no password in logs
  }
}
