package org.faxserver.router.config;

import java.time.Duration;
import org.faxserver.model.fax.T38Policy;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code faxserver.router.inbound.*}: answering {@code route.inbound}.
 *
 * @param requireKnownSource     reject (401) calls whose source address is no allowed source of an
 *                               enabled gateway; default true
 * @param recipientFromDiversion take the request's Diversion number as the recipient when there is
 *                               one; default false, because esl-gateway already applies the seed's
 *                               {@code recipient_from_diversion_header} when it fills in the callee
 * @param defaultT38             T.38 handling for gateways without their own policy; default ACCEPT
 * @param decisionTimeout        longest wait for the directory when answering one request; default 2s,
 *                               below esl-gateway's 3 s route timeout so the answer still matters
 *                               (the gateway waits only a few seconds anyway)
 * @param consumers              concurrent consumers of {@code fax-router.route.inbound}; default 2
 */
@ConfigurationProperties("faxserver.router.inbound")
public record InboundProperties(
    Boolean requireKnownSource,
    Boolean recipientFromDiversion,
    T38Policy defaultT38,
    Duration decisionTimeout,
    Integer consumers) {

  public InboundProperties {
    requireKnownSource = requireKnownSource == null || requireKnownSource;
    recipientFromDiversion = recipientFromDiversion != null && recipientFromDiversion;
    defaultT38 = defaultT38 == null ? T38Policy.ACCEPT : defaultT38;
    decisionTimeout = decisionTimeout == null ? Duration.ofSeconds(2) : decisionTimeout;
    consumers = consumers == null ? 2 : consumers;
    if (consumers < 1) {
      throw new IllegalArgumentException("faxserver.router.inbound.consumers must be at least 1");
    }
  }
}
