package org.faxserver.router.config;

import java.time.Clock;
import org.faxserver.router.directory.adapter.db.DirectoryRepository;
import org.faxserver.router.directory.model.Directory;
import org.faxserver.router.inbound.application.DecidingInboundCalls;
import org.faxserver.router.inbound.application.RelayingReceivedFaxes;
import org.faxserver.router.inbound.model.InboundPolicy;
import org.faxserver.router.inbound.model.InboundRoutePlanner;
import org.faxserver.router.inbound.model.ReceivedFaxPlanner;
import org.faxserver.router.routing.application.RoutingSubmittedJobs;
import org.faxserver.router.routing.model.DeliveryPlanner;
import org.faxserver.support.CachedSnapshot;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;

/** Wires the routing domain and the directory cache with plain constructors. */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  DeliveryPlanner deliveryPlanner() {
    return new DeliveryPlanner();
  }

  @Bean
  DirectoryRepository directoryRepository(
      DatabaseClient db, ReactiveTransactionManager transactions, NumbersProperties numbers) {
    return new DirectoryRepository(db, transactions, numbers.defaultRegion());
  }

  @Bean
  CachedSnapshot<Directory> cachedDirectory(
      DirectoryRepository repository, RouterProperties router, Clock clock) {
    return new CachedSnapshot<>("Router directory", repository::load, router.directoryMaxAge(), true, clock);
  }

  @Bean
  DecidingInboundCalls decidingInboundCalls(CachedSnapshot<Directory> directory, InboundProperties inbound) {
    return new DecidingInboundCalls(directory, new InboundRoutePlanner(new InboundPolicy(
        inbound.requireKnownSource(), inbound.recipientFromDiversion(), inbound.defaultT38())));
  }

  @Bean
  RelayingReceivedFaxes relayingReceivedFaxes(CachedSnapshot<Directory> directory, DeliveryPlanner planner) {
    return new RelayingReceivedFaxes(directory, new ReceivedFaxPlanner(planner));
  }

  @Bean
  RoutingSubmittedJobs routingSubmittedJobs(CachedSnapshot<Directory> directory, DeliveryPlanner planner) {
    return new RoutingSubmittedJobs(directory, planner);
  }
}
