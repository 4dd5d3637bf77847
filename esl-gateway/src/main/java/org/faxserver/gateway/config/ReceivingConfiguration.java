package org.faxserver.gateway.config;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.faxserver.document.store.DocumentStore;
import org.faxserver.esl.EslInboundClient;
import org.faxserver.esl.OutboundServerConfig;
import org.faxserver.gateway.metrics.MeteredInboundFacts;
import org.faxserver.gateway.receive.adapter.amqp.RabbitInboundFacts;
import org.faxserver.gateway.receive.application.InboundFacts;
import org.faxserver.observability.FaxMetrics;
import org.faxserver.gateway.receive.adapter.amqp.RabbitInboundRouter;
import org.faxserver.gateway.receive.adapter.document.PendingReceptions;
import org.faxserver.gateway.receive.adapter.document.StoreReceivedDocuments;
import org.faxserver.gateway.receive.adapter.esl.EslCallKiller;
import org.faxserver.gateway.receive.adapter.esl.EslFallbackList;
import org.faxserver.gateway.receive.adapter.esl.InboundSocketServer;
import org.faxserver.gateway.receive.adapter.health.ReceivingHealthIndicator;
import org.faxserver.gateway.receive.application.ReceivingFaxes;
import org.faxserver.gateway.receive.model.IncomingCallReader;
import org.faxserver.gateway.receive.model.ReceivePlanner;
import org.faxserver.gateway.receive.model.ReceiveSettings;
import org.faxserver.gateway.receive.model.RouterFallback;
import org.faxserver.gateway.send.model.SoftmodemFallbackRule;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Base64UrlNamingStrategy;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.AsyncRabbitTemplate;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the receiving side: the outbound-socket server FreeSWITCH's {@code socket ... async full}
 * connects to, {@code route.inbound} request/reply over an exclusive reply queue, and the use case.
 */
@Configuration(proxyBeanMethods = false)
class ReceivingConfiguration {

  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService receiveTimer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "receive-timer");
      t.setDaemon(true);
      return t;
    });
    // A call's 30-minute timer is cancelled when it ends; drop it then instead of holding the call.
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  /** This instance's reply queue for {@code route.inbound}: exclusive, auto-delete, server-side named. */
  @Bean
  Queue routeInboundReplyQueue() {
    return new AnonymousQueue(new Base64UrlNamingStrategy("esl-gateway.route.inbound.reply."));
  }

  /** Started and stopped as a SmartLifecycle bean; it runs its own reply container. */
  @Bean
  AsyncRabbitTemplate routeInboundTemplate(ConnectionFactory connectionFactory, Queue routeInboundReplyQueue,
      InboundProperties inbound) {
    SimpleMessageListenerContainer replies = new SimpleMessageListenerContainer(connectionFactory);
    replies.setQueues(routeInboundReplyQueue);
    AsyncRabbitTemplate template = new AsyncRabbitTemplate(new RabbitTemplate(connectionFactory), replies);
    template.setReceiveTimeout(inbound.routeTimeout().toMillis());
    return template;
  }

  @Bean
  RabbitInboundRouter inboundRouter(AsyncRabbitTemplate routeInboundTemplate, InboundProperties inbound,
      Clock clock) {
    return new RabbitInboundRouter(routeInboundTemplate, inbound.routeRoutingKey(), inbound.routeTimeout(), clock);
  }

  @Bean
  RabbitInboundFacts inboundFacts(RabbitTemplate rabbitTemplate, DocumentStore documentStore, Clock clock,
      GatewayProperties gateway, InboundProperties inbound) {
    return new RabbitInboundFacts(rabbitTemplate, new PendingReceptions(documentStore), clock,
        gateway.publishConfirmTimeout(),
        gateway.publishRetryDelay(), inbound.receivedRoutingKey(), inbound.fallbackRoutingKey());
  }

  @Bean
  ReceivingFaxes receivingFaxes(RabbitInboundRouter inboundRouter, RabbitInboundFacts rabbitFacts,
      DocumentStore documentStore, EslInboundClient eslClient, FreeSwitchProperties fs, FaxingProperties faxing,
      InboundProperties inbound, Clock clock, ScheduledExecutorService receiveTimer, FaxMetrics metrics) {
    InboundFacts inboundFacts = new MeteredInboundFacts(rabbitFacts, metrics, clock);
    Path freeswitchRoot = fs.documentRoot() == null || fs.documentRoot().isBlank() ? null : Path.of(fs.documentRoot());
    ReceivingFaxes receiving = new ReceivingFaxes(
        new IncomingCallReader(faxing.recipientFromDiversionHeader(), faxing.defaultRegion()),
        inboundRouter,
        new RouterFallback(inbound.fallbackMemory(), inbound.fallbackCapacity(), clock),
        new ReceivePlanner(new ReceiveSettings(faxing.answerAfter(), faxing.waitTime(), fs.ident())),
        new StoreReceivedDocuments(documentStore, freeswitchRoot, clock),
        new EslFallbackList(eslClient, fs.softmodemFallback(), fs.commandTimeout()),
        new EslCallKiller(eslClient, fs.commandTimeout()),
        inboundFacts,
        new SoftmodemFallbackRule(fs.softmodemFallback()),
        clock,
        receiveTimer,
        new ReceivingFaxes.Settings(inbound.lingerGrace(), inbound.maxCall()));
    metrics.activeCalls(FaxMetrics.Direction.RECEIVED, receiving::callsInFlight);
    return receiving;
  }

  /**
   * The outbound-socket server; listens once everything else is up (default phase, after the ESL
   * connection) and stops before it, after draining the calls in flight. Absent when
   * {@code faxserver.freeswitch.inbound-socket.enabled} is false.
   */
  @Bean
  @ConditionalOnProperty(name = "faxserver.freeswitch.inbound-socket.enabled", matchIfMissing = true)
  InboundSocketServer inboundSocketServer(ReceivingFaxes receiving, FreeSwitchProperties fs,
      InboundProperties inbound, GatewayProperties gateway, ScheduledExecutorService receiveTimer) {
    FreeSwitchProperties.InboundSocket socket = fs.inboundSocket();
    OutboundServerConfig config = OutboundServerConfig.defaults(socket.host(), socket.port())
        .withAllowedPeers(socket.allowedPeers())
        .withMaxSessions(socket.maxSessions());
    return new InboundSocketServer(config, receiving, inbound.lingerSeconds(), receiveTimer, Duration.ofSeconds(5),
        gateway.shutdownDrain());
  }

  @Bean
  @ConditionalOnProperty(name = "faxserver.freeswitch.inbound-socket.enabled", matchIfMissing = true)
  ReceivingHealthIndicator receivingHealthIndicator(InboundSocketServer inboundSocketServer,
      ReceivingFaxes receiving) {
    return new ReceivingHealthIndicator(inboundSocketServer, receiving);
  }
}
