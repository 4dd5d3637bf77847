package org.faxserver.gateway.send.application;

/**
 * Opens and closes the intake of originate commands (port; the AMQP adapter starts and stops its
 * consumer). Called whenever the conditions may have changed; the implementation asks
 * {@link SendingFaxes#acceptsWork()} and must not block the caller.
 */
public interface IntakeControl {

  /** Re-checks whether originate commands should be consumed now. */
  void reevaluate();
}
