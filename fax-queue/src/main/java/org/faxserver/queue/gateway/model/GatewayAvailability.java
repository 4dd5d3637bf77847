package org.faxserver.queue.gateway.model;

/** Whether a gateway may take another call right now. */
public enum GatewayAvailability {
  AVAILABLE,
  /** All {@code max calls} are in use: the job waits for a free line. */
  FULL,
  /** Its circuit breaker is open: the plan skips to another endpoint, or waits if none is left. */
  UNHEALTHY
}
