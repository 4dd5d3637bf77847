package org.faxserver.gateway.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code faxserver.gateway.inbound.*}: how incoming calls are routed and followed.
 *
 * @param routeTimeout     longest wait for fax-router's answer to {@code route.inbound}; then the
 *                         fallback of decision 0009 applies
 * @param fallbackMemory   how long an accepted number and source are remembered for that fallback
 * @param fallbackCapacity numbers (and sources) remembered at most
 * @param lingerSeconds    {@code linger <n>}: how long FreeSWITCH keeps the socket after hangup
 * @param lingerGrace      after the hangup notice, wait this long for CHANNEL_HANGUP_COMPLETE before
 *                         judging the call anyway
 * @param maxCall          a call still up after this is hung up and judged
 * @param routeRoutingKey  the request's routing key on {@code fax.commands}: {@code route.inbound}
 *                         (the contract); another key only isolates a test from the shared flow
 * @param receivedRoutingKey the key of {@code inbound.received} on {@code fax.events} (the contract);
 *                         another key only isolates a test
 * @param fallbackRoutingKey the key of {@code fallback.set} on {@code fax.commands} (the contract);
 *                         another key only isolates a test
 */
@ConfigurationProperties("faxserver.gateway.inbound")
public record InboundProperties(
    @DefaultValue("3s") Duration routeTimeout,
    @DefaultValue("24h") Duration fallbackMemory,
    @DefaultValue("10000") int fallbackCapacity,
    @DefaultValue("30") int lingerSeconds,
    @DefaultValue("5s") Duration lingerGrace,
    @DefaultValue("30m") Duration maxCall,
    @DefaultValue("route.inbound") String routeRoutingKey,
    @DefaultValue("inbound.received") String receivedRoutingKey,
    @DefaultValue("fallback.set") String fallbackRoutingKey) {

  public InboundProperties {
    if (lingerSeconds < 1 || fallbackCapacity < 1) {
      throw new IllegalArgumentException("faxserver.gateway.inbound: linger-seconds and fallback-capacity must be >= 1");
    }
  }
}
