package org.faxserver.gateway.receive.application;

import java.util.concurrent.CompletableFuture;
import org.faxserver.model.inbound.InboundRouteDecision;
import org.faxserver.model.inbound.InboundRouteRequest;

/** Asks fax-router ({@code route.inbound}); the future fails when no answer came in time. */
public interface InboundRouter {

  CompletableFuture<InboundRouteDecision> ask(InboundRouteRequest request);
}
