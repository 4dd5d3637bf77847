package org.faxserver.gateway.receive.adapter.health;

import org.faxserver.gateway.receive.adapter.esl.InboundSocketServer;
import org.faxserver.gateway.receive.application.ReceivingFaxes;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * {@code /actuator/health} component "receiving": DOWN while the inbound socket is not listening
 * (no fax can be received), with the calls in flight and the failed binds.
 */
public final class ReceivingHealthIndicator implements HealthIndicator {

  private final InboundSocketServer server;
  private final ReceivingFaxes receiving;

  public ReceivingHealthIndicator(InboundSocketServer server, ReceivingFaxes receiving) {
    this.server = server;
    this.receiving = receiving;
  }

  @Override
  public Health health() {
    return (server.isListening() ? Health.up() : Health.down())
        .withDetail("listening", server.isListening())
        .withDetail("callsInFlight", receiving.callsInFlight())
        .withDetail("bindFailures", server.bindFailures())
        .build();
  }
}
