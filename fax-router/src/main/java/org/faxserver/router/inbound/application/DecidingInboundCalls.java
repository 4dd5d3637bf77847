package org.faxserver.router.inbound.application;

import java.util.Objects;
import org.faxserver.model.inbound.InboundRouteDecision;
import org.faxserver.model.inbound.InboundRouteRequest;
import org.faxserver.router.directory.model.Directory;
import org.faxserver.router.inbound.model.InboundRoutePlanner;
import org.faxserver.support.CachedSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/** Use case: an incoming call asks whether it may be answered ({@code route.inbound}). */
public final class DecidingInboundCalls {

  private static final Logger log = LoggerFactory.getLogger(DecidingInboundCalls.class);

  private final CachedSnapshot<Directory> directory;
  private final InboundRoutePlanner planner;

  public DecidingInboundCalls(CachedSnapshot<Directory> directory, InboundRoutePlanner planner) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.planner = Objects.requireNonNull(planner, "planner");
  }

  public Mono<InboundRouteDecision> decide(InboundRouteRequest call) {
    return directory.current().map(snapshot -> {
      InboundRouteDecision decision = planner.decide(snapshot, call);
      if (decision.accepted()) {
        log.info("Inbound call {} from {} ({}) to {} accepted for tenant {}{}", call.callId(), call.caller(),
            call.sourceIp(), decision.recipient(), decision.tenantId(), decision.relayOut() ? " (relay out)" : "");
      } else {
        log.info("Inbound call {} from {} ({}) to {} rejected with {}: {}", call.callId(), call.caller(),
            call.sourceIp(), call.callee(), decision.sipCode(), decision.reason());
      }
      return decision;
    });
  }
}
