package org.faxserver.queue.gateway.application;

import org.faxserver.queue.gateway.model.GatewayHealthRule.Health;

/** Port: one circuit breaker per gateway. */
public interface GatewayBreakers {

  /** Whether the gateway's breaker lets calls through. */
  boolean allows(String gateway);

  void record(String gateway, Health health);
}
