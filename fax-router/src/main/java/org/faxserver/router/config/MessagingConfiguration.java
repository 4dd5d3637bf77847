package org.faxserver.router.config;

import java.time.Clock;
import org.faxserver.observability.amqp.JobLogAdvice;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.RoutingKeys;
import org.faxserver.router.directory.adapter.amqp.DirectoryChangedListener;
import org.faxserver.router.directory.model.Directory;
import org.faxserver.router.inbound.adapter.amqp.InboundReceivedListener;
import org.faxserver.router.inbound.adapter.amqp.RouteInboundResponder;
import org.faxserver.router.inbound.application.DecidingInboundCalls;
import org.faxserver.router.inbound.application.RelayingReceivedFaxes;
import org.faxserver.router.routing.adapter.amqp.ConfirmedPublisher;
import org.faxserver.router.routing.adapter.amqp.JobRoutingListener;
import org.faxserver.router.routing.adapter.amqp.JobSubmittedListener;
import org.faxserver.router.routing.adapter.amqp.ParkingLot;
import org.faxserver.router.routing.application.RoutingSubmittedJobs;
import org.faxserver.support.CachedSnapshot;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Base64UrlNamingStrategy;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * fax-router's AMQP topology and consumers, kept local and small so a shared messaging module can
 * replace it later without touching the listeners:
 *
 * <ul>
 *   <li>{@code fax-router.job.submitted}: durable, bound to {@code fax.events} / {@code job.submitted},
 *       shared by all router instances (competing consumers), manual acks;
 *   <li>{@code fax-router.job.submitted.parking}: durable, where unprocessable messages go;
 *   <li>{@code fax-router.directory.changed.<random>}: exclusive auto-delete queue per instance, bound
 *       to {@code fax.events} / {@code directory.changed}, so every instance drops its cache.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

  private static final String PARKING = ".parking";

  @Bean
  TopicExchange faxEvents() {
    return new TopicExchange(Exchanges.FAX_EVENTS, true, false);
  }

  @Bean
  Queue jobSubmittedQueue(MessagingProperties messaging) {
    return durable(messaging.queue(RoutingKeys.JOB_SUBMITTED), messaging);
  }

  @Bean
  Queue jobSubmittedParkingQueue(MessagingProperties messaging) {
    return durable(messaging.queue(RoutingKeys.JOB_SUBMITTED) + PARKING, messaging);
  }

  @Bean
  Binding jobSubmittedBinding(
      @Qualifier("jobSubmittedQueue") Queue queue, TopicExchange faxEvents, MessagingProperties messaging) {
    return BindingBuilder.bind(queue).to(faxEvents).with(messaging.binding(RoutingKeys.JOB_SUBMITTED));
  }

  // ---------------------------------------------------------------- inbound

  @Bean
  TopicExchange faxCommands() {
    return new TopicExchange(Exchanges.FAX_COMMANDS, true, false);
  }

  /**
   * Requests are worth something only for seconds; the gateway sets a per-message expiration, so the
   * queue itself needs no (RabbitMQ-only) TTL argument. Durable, so its binding survives a restart.
   */
  @Bean
  Queue routeInboundQueue(MessagingProperties messaging) {
    return durable(messaging.queue(RoutingKeys.ROUTE_INBOUND), messaging);
  }

  @Bean
  Binding routeInboundBinding(@Qualifier("routeInboundQueue") Queue queue, TopicExchange faxCommands,
      MessagingProperties messaging) {
    return BindingBuilder.bind(queue).to(faxCommands).with(messaging.binding(RoutingKeys.ROUTE_INBOUND));
  }

  @Bean
  RouteInboundResponder routeInboundResponder(DecidingInboundCalls deciding, RabbitTemplate template,
      InboundProperties inbound, Clock clock) {
    return new RouteInboundResponder(deciding, template, inbound.decisionTimeout(), clock);
  }

  @Bean
  SimpleMessageListenerContainer routeInboundContainer(ConnectionFactory connections,
      @Qualifier("routeInboundQueue") Queue queue, RouteInboundResponder responder, InboundProperties inbound) {
    // AUTO: the responder never throws
    return workQueueContainer(connections, queue, responder, AcknowledgeMode.AUTO, inbound.consumers(), 1);
  }

  @Bean
  Queue inboundReceivedQueue(MessagingProperties messaging) {
    return durable(messaging.queue(RoutingKeys.INBOUND_RECEIVED), messaging);
  }

  @Bean
  Queue inboundReceivedParkingQueue(MessagingProperties messaging) {
    return durable(messaging.queue(RoutingKeys.INBOUND_RECEIVED) + PARKING, messaging);
  }

  @Bean
  Binding inboundReceivedBinding(@Qualifier("inboundReceivedQueue") Queue queue, TopicExchange faxEvents,
      MessagingProperties messaging) {
    return BindingBuilder.bind(queue).to(faxEvents).with(messaging.binding(RoutingKeys.INBOUND_RECEIVED));
  }

  @Bean
  InboundReceivedListener inboundReceivedListener(RelayingReceivedFaxes relaying, ConfirmedPublisher publisher,
      MessagingProperties messaging, RouterProperties router, Clock clock) {
    return new InboundReceivedListener(relaying, publisher,
        parkingLot(publisher, messaging, RoutingKeys.INBOUND_RECEIVED), listenerSettings(router, messaging), clock);
  }

  @Bean
  SimpleMessageListenerContainer inboundReceivedContainer(ConnectionFactory connections,
      @Qualifier("inboundReceivedQueue") Queue queue, InboundReceivedListener listener,
      MessagingProperties messaging) {
    return workQueueContainer(connections, queue, listener, AcknowledgeMode.MANUAL, messaging.consumers(),
        messaging.prefetch());
  }

  // ---------------------------------------------------------------- directory

  @Bean
  Queue directoryChangedQueue() {
    return new AnonymousQueue(new Base64UrlNamingStrategy("fax-router.directory.changed."));
  }

  @Bean
  Binding directoryChangedBinding(
      @Qualifier("directoryChangedQueue") Queue queue, TopicExchange faxEvents) {
    return BindingBuilder.bind(queue).to(faxEvents).with(RoutingKeys.DIRECTORY_CHANGED);
  }

  @Bean
  ConfirmedPublisher confirmedPublisher(RabbitTemplate template, MessagingProperties messaging) {
    // Unroutable messages must come back as returns, or the confirm would hide their loss.
    template.setMandatory(true);
    return new ConfirmedPublisher(template, messaging.publishTimeout());
  }

  @Bean
  JobSubmittedListener jobSubmittedListener(RoutingSubmittedJobs routing,
      ConfirmedPublisher publisher, MessagingProperties messaging, RouterProperties router,
      Clock clock) {
    return new JobSubmittedListener(routing, publisher,
        parkingLot(publisher, messaging, RoutingKeys.JOB_SUBMITTED), listenerSettings(router, messaging), clock);
  }

  @Bean
  SimpleMessageListenerContainer jobSubmittedContainer(ConnectionFactory connections,
      @Qualifier("jobSubmittedQueue") Queue queue, JobSubmittedListener listener,
      MessagingProperties messaging) {
    return workQueueContainer(connections, queue, listener, AcknowledgeMode.MANUAL, messaging.consumers(),
        messaging.prefetch());
  }

  /**
   * Also an {@code ApplicationListener}: the container publishes a consume-ok event once its consumer
   * on the (re)declared queue is registered, and the listener drops the cache then.
   */
  @Bean
  DirectoryChangedListener directoryChangedListener(
      CachedSnapshot<Directory> directory, @Qualifier("directoryChangedQueue") Queue queue) {
    return new DirectoryChangedListener(directory, queue.getName());
  }

  @Bean
  SimpleMessageListenerContainer directoryChangedContainer(ConnectionFactory connections,
      @Qualifier("directoryChangedQueue") Queue queue, DirectoryChangedListener listener) {
    return container(connections, queue, listener, AcknowledgeMode.AUTO);
  }

  /** A container whose advice puts the job id of each message in the logging context. */
  private static SimpleMessageListenerContainer container(ConnectionFactory connections, Queue queue,
      MessageListener listener, AcknowledgeMode acknowledgeMode) {
    SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
    container.setAdviceChain(new JobLogAdvice());
    container.setQueues(queue);
    container.setMessageListener(listener);
    container.setAcknowledgeMode(acknowledgeMode);
    return container;
  }

  /** A {@link #container} for a shared work queue: a message the container rejects is not requeued. */
  private static SimpleMessageListenerContainer workQueueContainer(ConnectionFactory connections, Queue queue,
      MessageListener listener, AcknowledgeMode acknowledgeMode, int consumers, int prefetch) {
    SimpleMessageListenerContainer container = container(connections, queue, listener, acknowledgeMode);
    container.setConcurrentConsumers(consumers);
    container.setPrefetchCount(prefetch);
    container.setDefaultRequeueRejected(false);
    return container;
  }

  /** Parks what cannot be processed from the queue of {@code routingKey} in its parking queue. */
  private static ParkingLot parkingLot(ConfirmedPublisher publisher, MessagingProperties messaging,
      String routingKey) {
    String queue = messaging.queue(routingKey);
    return new ParkingLot(publisher, queue, queue + PARKING);
  }

  private static JobRoutingListener.Settings listenerSettings(RouterProperties router,
      MessagingProperties messaging) {
    return new JobRoutingListener.Settings(router.routingTimeout(), messaging.retryPause(),
        messaging.maxDeliveries());
  }

  private static Queue durable(String name, MessagingProperties messaging) {
    QueueBuilder builder = QueueBuilder.durable(name);
    return messaging.quorumQueues() ? builder.quorum().build() : builder.build();
  }
}
