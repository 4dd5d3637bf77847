package org.faxserver.queue.config;

import org.faxserver.model.fallback.FallbackChange;
import org.faxserver.model.fallback.OverrideChange;
import org.faxserver.model.job.JobCancel;
import org.faxserver.model.messaging.RoutingKeys;
import org.faxserver.support.Topology;

/**
 * fax-queue's queue names, {@code <service>.<routing key>} (decision 0004). The service name comes from
 * {@code faxserver.messaging.service} ("fax-queue"); tests give each context its own name so parallel
 * contexts on the shared broker do not steal each other's messages.
 */
public record QueueNames(String service) {

  /**
   * Consumers per queue for the messages that may be handled in any order ({@code attempt.finished}, {@code
   * delivery.finished}: each locks its job or attempt, and duplicates are recognised). {@code attempt.progress}
   * keeps one consumer, so a page count never goes backwards.
   */
  public static final String CONSUMERS = "${faxserver.queue.consumers:4}";

  /** Consumers of {@code job.routed} ({@link QueueProperties.Intake}; a job routed twice is stored once). */
  public static final String INTAKE_CONSUMERS = "${faxserver.queue.intake.consumers:1}";

  public QueueNames {
    if (service == null || service.isBlank()) {
      throw new IllegalArgumentException("faxserver.messaging.service is required");
    }
  }

  public String jobRouted() {
    return Topology.queueName(service, RoutingKeys.JOB_ROUTED);
  }

  public String attemptProgress() {
    return Topology.queueName(service, RoutingKeys.ATTEMPT_PROGRESS);
  }

  public String attemptFinished() {
    return Topology.queueName(service, RoutingKeys.ATTEMPT_FINISHED);
  }

  public String deliveryFinished() {
    return Topology.queueName(service, RoutingKeys.DELIVERY_FINISHED);
  }

  public String jobCancel() {
    return Topology.queueName(service, JobCancel.TYPE);
  }

  public String fallbackSet() {
    return Topology.queueName(service, FallbackChange.SET_TYPE);
  }

  public String fallbackRemove() {
    return Topology.queueName(service, FallbackChange.REMOVE_TYPE);
  }

  public String overrideSet() {
    return Topology.queueName(service, OverrideChange.SET_TYPE);
  }

  public String overrideRemove() {
    return Topology.queueName(service, OverrideChange.REMOVE_TYPE);
  }
}
