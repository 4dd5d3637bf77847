package org.faxserver.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.amqp.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Messaging plumbing for a service: import it ({@code @Import(ServiceSupportConfiguration.class)}) and
 * set {@code faxserver.messaging.service}, {@code faxserver.outbox.table},
 * {@code faxserver.messaging.processed-table} and {@code spring.rabbitmq.publisher-confirm-type=correlated}.
 * Message types not in shared-model's registry are added with an {@link ExtraMessageTypes} bean.
 *
 * <p>Listeners get envelopes ({@link EnvelopeMessageConverter}), are acked only when they return (so
 * a listener that blocks until its transaction committed acks after commit), are retried
 * {@code max-deliveries} times with backoff and then parked in {@code <queue>.parking}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MessagingProperties.class, OutboxProperties.class})
public class ServiceSupportConfiguration {

  /** Both exchanges of DESIGN §3, declared idempotently by RabbitAdmin. */
  @Bean
  Declarables faxExchanges() {
    return new Declarables(Topology.events(), Topology.commands());
  }

  @Bean
  Outbox outbox(DatabaseClient db, OutboxProperties props, OutboxRelay relay) {
    return new Outbox(db, props.table(), relay);
  }

  @Bean
  OutboxRelay outboxRelay(DatabaseClient db, RabbitTemplate rabbit, OutboxProperties props) {
    return new OutboxRelay(db, rabbit, props);
  }

  @Bean
  ProcessedMessages processedMessages(DatabaseClient db, MessagingProperties props) {
    return new ProcessedMessages(db, props.processedTable());
  }

  @Bean
  ProcessedMessagesPurge processedMessagesPurge(ProcessedMessages processed, MessagingProperties props) {
    return new ProcessedMessagesPurge(processed, props.processedRetention(), Duration.ofHours(1));
  }

  /** Also picked up by Boot for the {@code RabbitTemplate}, so {@code convertAndSend(envelope)} works. */
  @Bean
  EnvelopeMessageConverter envelopeMessageConverter(ObjectProvider<ExtraMessageTypes> extras) {
    Map<String, Class<?>> types = new HashMap<>();
    extras.orderedStream().forEach(extra -> types.putAll(extra.types()));
    return new EnvelopeMessageConverter(types);
  }

  /** Parks a message (or each message of a batch) that failed {@code max-deliveries} times. */
  @Bean
  ParkingRecoverer parkingRecoverer(RabbitTemplate rabbit, OutboxProperties outbox) {
    return new ParkingRecoverer(rabbit, outbox.confirmTimeout().toMillis());
  }

  /**
   * Replaces Boot's default factory (same bean name): Boot's settings, plus the envelope converter and
   * retry-then-park. Public and static so that a service can build another like it.
   */
  @Bean(name = "rabbitListenerContainerFactory")
  public static SimpleRabbitListenerContainerFactory rabbitListenerContainerFactory(
      SimpleRabbitListenerContainerFactoryConfigurer configurer,
      ConnectionFactory connectionFactory,
      EnvelopeMessageConverter converter,
      MessagingProperties messaging,
      ParkingRecoverer parking) {
    return configured(new SimpleRabbitListenerContainerFactory(), configurer, connectionFactory, converter, messaging,
        parking);
  }

  /**
   * A factory like {@link #rabbitListenerContainerFactory} for batch listeners ({@code List<Message>}): each consumer
   * takes what is waiting, up to {@code batchSize} (its prefetch), and gathers the rest of a batch for up to
   * {@code window} after its first message; while idle it does not poll ({@link BatchListenerContainer}).
   */
  public static SimpleRabbitListenerContainerFactory batchListenerContainerFactory(
      SimpleRabbitListenerContainerFactoryConfigurer configurer,
      ConnectionFactory connectionFactory,
      EnvelopeMessageConverter converter,
      MessagingProperties messaging,
      ParkingRecoverer parking,
      int batchSize,
      Duration window) {
    SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory() {
      @Override
      protected SimpleMessageListenerContainer createContainerInstance() {
        return new BatchListenerContainer();
      }
    };
    configured(factory, configurer, connectionFactory, converter, messaging, parking);
    factory.setConsumerBatchEnabled(true);
    factory.setBatchSize(batchSize);
    factory.setPrefetchCount(batchSize);
    factory.setReceiveTimeout(window.toMillis());
    return factory;
  }

  private static SimpleRabbitListenerContainerFactory configured(SimpleRabbitListenerContainerFactory factory,
      SimpleRabbitListenerContainerFactoryConfigurer configurer,
      ConnectionFactory connectionFactory,
      EnvelopeMessageConverter converter,
      MessagingProperties messaging,
      ParkingRecoverer parking) {
    configurer.configure(factory, connectionFactory);
    factory.setMessageConverter(converter);
    long initial = Math.max(1, messaging.retryInterval().toMillis());
    factory.setAdviceChain(
        RetryInterceptorBuilder.stateless()
            .maxAttempts(messaging.maxDeliveries())
            .backOffOptions(initial, 2.0, initial * 10)
            .recoverer(parking)
            .build());
    return factory;
  }
}
