package org.faxserver.gateway.send.adapter.health;

import org.faxserver.esl.EslInboundClient;
import org.faxserver.gateway.send.adapter.amqp.ConsumerGate;
import org.faxserver.gateway.send.application.SendingFaxes;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * {@code /actuator/health} component "freeSwitch": DOWN while the event connection is not ready (the
 * gateway then takes no commands), with the calls in flight and whether commands are consumed.
 */
public final class FreeSwitchHealthIndicator implements HealthIndicator {

  private final EslInboundClient client;
  private final SendingFaxes sending;
  private final ConsumerGate gate;

  public FreeSwitchHealthIndicator(EslInboundClient client, SendingFaxes sending, ConsumerGate gate) {
    this.client = client;
    this.sending = sending;
    this.gate = gate;
  }

  @Override
  public Health health() {
    Health.Builder health = client.state() == org.faxserver.esl.ConnectionState.READY ? Health.up() : Health.down();
    return health.withDetail("eventSocket", client.state().name())
        .withDetail("callsInFlight", sending.callsInFlight())
        .withDetail("consumingOriginates", gate.isOpen())
        .withDetail("droppedEvents", client.droppedEvents())
        .build();
  }
}
