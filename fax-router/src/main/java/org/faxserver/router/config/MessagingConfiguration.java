package org.faxserver.router.config;

import java.time.Clock;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.RoutingKeys;
import org.faxserver.router.directory.adapter.amqp.DirectoryChangedListener;
import org.faxserver.router.directory.application.CachedDirectory;
import org.faxserver.router.routing.adapter.amqp.ConfirmedPublisher;
import org.faxserver.router.routing.adapter.amqp.JobSubmittedListener;
import org.faxserver.router.routing.adapter.amqp.ParkingLot;
import org.faxserver.router.routing.application.RoutingSubmittedJobs;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Base64UrlNamingStrategy;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
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
 *   <li>{@value #JOB_SUBMITTED_QUEUE}: durable, bound to {@code fax.events} / {@code job.submitted},
 *       shared by all router instances (competing consumers), manual acks;
 *   <li>{@value #PARKING_QUEUE}: durable, where unprocessable messages go;
 *   <li>{@code fax-router.directory.changed.<random>}: exclusive auto-delete queue per instance, bound
 *       to {@code fax.events} / {@code directory.changed}, so every instance drops its cache.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

  static final String JOB_SUBMITTED_QUEUE = "fax-router." + RoutingKeys.JOB_SUBMITTED;
  static final String PARKING_QUEUE = JOB_SUBMITTED_QUEUE + ".parking";

  @Bean
  TopicExchange faxEvents() {
    return new TopicExchange(Exchanges.FAX_EVENTS, true, false);
  }

  @Bean
  Queue jobSubmittedQueue(MessagingProperties messaging) {
    return durable(JOB_SUBMITTED_QUEUE, messaging);
  }

  @Bean
  Queue jobSubmittedParkingQueue(MessagingProperties messaging) {
    return durable(PARKING_QUEUE, messaging);
  }

  @Bean
  Binding jobSubmittedBinding(
      @Qualifier("jobSubmittedQueue") Queue queue, TopicExchange faxEvents) {
    return BindingBuilder.bind(queue).to(faxEvents).with(RoutingKeys.JOB_SUBMITTED);
  }

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
    return new JobSubmittedListener(
        routing,
        publisher,
        new ParkingLot(publisher, JOB_SUBMITTED_QUEUE, PARKING_QUEUE),
        new JobSubmittedListener.Settings(
            router.routingTimeout(), messaging.retryPause(), messaging.maxDeliveries()),
        clock);
  }

  @Bean
  SimpleMessageListenerContainer jobSubmittedContainer(ConnectionFactory connections,
      @Qualifier("jobSubmittedQueue") Queue queue, JobSubmittedListener listener,
      MessagingProperties messaging) {
    SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
    container.setQueues(queue);
    container.setMessageListener(listener);
    container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
    container.setConcurrentConsumers(messaging.consumers());
    container.setPrefetchCount(messaging.prefetch());
    container.setDefaultRequeueRejected(false);
    return container;
  }

  /**
   * Also an {@code ApplicationListener}: the container publishes a consume-ok event once its consumer
   * on the (re)declared queue is registered, and the listener drops the cache then.
   */
  @Bean
  DirectoryChangedListener directoryChangedListener(
      CachedDirectory directory, @Qualifier("directoryChangedQueue") Queue queue) {
    return new DirectoryChangedListener(directory, queue.getName());
  }

  @Bean
  SimpleMessageListenerContainer directoryChangedContainer(ConnectionFactory connections,
      @Qualifier("directoryChangedQueue") Queue queue, DirectoryChangedListener listener) {
    SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
    container.setQueues(queue);
    container.setMessageListener(listener);
    container.setAcknowledgeMode(AcknowledgeMode.AUTO);
    return container;
  }

  private static Queue durable(String name, MessagingProperties messaging) {
    QueueBuilder builder = QueueBuilder.durable(name);
    return messaging.quorumQueues() ? builder.quorum().build() : builder.build();
  }
}
