package org.faxserver.model.messaging;

/**
 * Routing keys of DESIGN.md §3. Each message type is published under the key of the same name, so
 * {@code RoutingKeys.X} equals the {@code TYPE} constant of the matching payload record.
 */
public final class RoutingKeys {

  /** api → router (fact, {@link Exchanges#FAX_EVENTS}). */
  public static final String JOB_SUBMITTED = "job.submitted";
  /** router → queue (fact). */
  public static final String JOB_ROUTED = "job.routed";
  /** queue → esl-gateway (command, {@link Exchanges#FAX_COMMANDS}; one work queue for all gateways). */
  public static final String FAX_ORIGINATE = "fax.originate";
  /** esl-gateway → queue, api (fact). */
  public static final String ATTEMPT_PROGRESS = "attempt.progress";
  /** esl-gateway → queue (fact). */
  public static final String ATTEMPT_FINISHED = "attempt.finished";
  /** esl-gateway → router (request/reply with a short timeout). */
  public static final String ROUTE_INBOUND = "route.inbound";
  /** esl-gateway → router, queue (fact). */
  public static final String INBOUND_RECEIVED = "inbound.received";
  /** queue → notifier (command). */
  public static final String DELIVER_WEBHOOK = "deliver.webhook";
  /** queue → notifier (command). */
  public static final String DELIVER_EMAIL = "deliver.email";
  /** notifier → queue (fact). */
  public static final String DELIVERY_FINISHED = "delivery.finished";
  /** queue → api, notifier (fact). */
  public static final String JOB_STATUS = "job.status";
  /** queue → api, notifier (fact). */
  public static final String JOB_COMPLETED = "job.completed";
  /** api → router, queue (fact; every instance binds its own queue so all caches hear it). */
  public static final String DIRECTORY_CHANGED = "directory.changed";

  // Added by decision 0004 (docs/decisions): cancel, call kill, fallback list and dial overrides.
  public static final String JOB_CANCEL = "job.cancel";
  public static final String CALL_KILL = "call.kill";
  public static final String FALLBACK_SET = "fallback.set";
  public static final String FALLBACK_REMOVE = "fallback.remove";
  public static final String FALLBACK_CHANGED = "fallback.changed";
  public static final String OVERRIDE_SET = "override.set";
  public static final String OVERRIDE_REMOVE = "override.remove";
  public static final String OVERRIDE_CHANGED = "override.changed";
  /** api → notifier (command): redeliver a dead-lettered delivery (decision 0008). */
  public static final String DELIVERY_REDELIVER = "delivery.redeliver";

  private RoutingKeys() {}
}
