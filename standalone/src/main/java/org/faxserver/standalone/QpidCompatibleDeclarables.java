package org.faxserver.standalone;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AbstractDeclarable;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.DeclarableCustomizer;
import org.springframework.amqp.core.Queue;

/**
 * Registered in every service context: RabbitAdmin passes each queue/exchange through it before declaring.
 * With the embedded broker ({@code strict}) it drops every RabbitMQ-only argument that Qpid Broker-J refuses
 * with a connection close; with an external broker only {@code x-queue-master-locator} on exclusive or
 * auto-delete queues (a placement hint, client-local is what RabbitMQ does for them anyway), so an external
 * Qpid works too while quorum queues etc. still reach an external RabbitMQ. The one that matters today is {@code x-queue-master-locator}, which Spring AMQP's
 * {@code AnonymousQueue} always adds (fax-router's and notifier-service's per-instance
 * {@code directory.changed} queues, esl-gateway's reply queue, api-service's job events queue); placement hints mean nothing on a
 * single broker. Arguments that change behaviour (TTL, dead-lettering, limits) are dropped with a warning.
 */
final class QpidCompatibleDeclarables implements DeclarableCustomizer {

  private static final Logger log = LoggerFactory.getLogger(QpidCompatibleDeclarables.class);

  /** Placement hints: harmless to drop on a single-node broker. */
  private static final Set<String> HINTS = Set.of("x-queue-master-locator", "x-queue-leader-locator",
      "x-queue-type", "x-quorum-initial-group-size", "x-queue-mode");

  /** Behaviour Qpid does not have under these names. */
  private static final Set<String> UNSUPPORTED = Set.of("x-dead-letter-exchange", "x-dead-letter-routing-key",
      "x-message-ttl", "x-expires", "x-max-priority", "x-max-length", "x-max-length-bytes", "x-overflow",
      "x-delivery-limit", "alternate-exchange");

  private final boolean strict;

  QpidCompatibleDeclarables(boolean strict) {
    this.strict = strict;
  }

  @Override
  public Declarable apply(Declarable declarable) {
    if (!(declarable instanceof AbstractDeclarable d) || d.getArguments().isEmpty()) {
      return declarable;
    }
    if (!strict) {
      if (declarable instanceof Queue q && (q.isExclusive() || q.isAutoDelete())) {
        d.removeArgument("x-queue-master-locator");
      }
      return declarable;
    }
    List<String> dropped = new ArrayList<>();
    for (String key : List.copyOf(d.getArguments().keySet())) {
      if (HINTS.contains(key)) {
        d.removeArgument(key);
      } else if (UNSUPPORTED.contains(key)) {
        d.removeArgument(key);
        dropped.add(key);
      }
    }
    if (!dropped.isEmpty()) {
      log.warn("embedded broker: {} declared without {} (not supported by Qpid Broker-J)", declarable, dropped);
    }
    return declarable;
  }
}
