package org.faxserver.api.inbox;

import java.time.Clock;
import java.util.Arrays;
import java.util.Map;

import org.faxserver.api.retention.RetentionSweep;
import org.faxserver.document.FaxTiffExport;
import org.faxserver.document.store.DocumentStore;
import org.faxserver.model.messaging.MessageJsonException;
import org.faxserver.model.messaging.RoutingKeys;
import org.faxserver.observability.amqp.JobLogAdvice;
import org.faxserver.support.DependencyOutage;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.amqp.rabbit.retry.RepublishMessageRecovererWithConfirms;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.retry.policy.SimpleRetryPolicy;

/**
 * The archive of received faxes: one durable queue ({@code faxserver.inbox.queue}) shared by all
 * api-service replicas (each reception archived once), beside it {@code <queue>.parking} for messages
 * that failed {@code max-deliveries} times (plain queues: the embedded broker rejects RabbitMQ-only
 * arguments, so parking is done by the consumer, as in service-support).
 */
@Configuration(proxyBeanMethods = false)
class InboxConfiguration {
    static final String PARKING_SUFFIX = ".parking";

    @Bean
    Queue inboxQueue(InboxProperties props) {
        return QueueBuilder.durable(props.queue()).build();
    }

    @Bean
    Queue inboxParkingQueue(InboxProperties props) {
        return QueueBuilder.durable(props.queue() + PARKING_SUFFIX).build();
    }

    @Bean
    Binding inboxBinding(@Qualifier("inboxQueue") Queue queue, @Qualifier("faxEventsExchange") TopicExchange faxEvents) {
        return BindingBuilder.bind(queue).to(faxEvents).with(RoutingKeys.INBOUND_RECEIVED);
    }

    @Bean
    InboxArchiver inboxArchiver(InboxRepository repository, DocumentStore store, FaxTiffExport export, Clock clock) {
        return new InboxArchiver(repository, store, export, clock);
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    RetentionSweep<InboxRepository.DocumentKeys> inboxRetention(InboxRepository repository, DocumentStore store,
                                                               InboxProperties props, Clock clock) {
        return new RetentionSweep<>("the documents of received faxes", props.retention(), props.purgeInterval(),
                props.purgeBatch(), repository::claimDue, keys -> Arrays.asList(keys.tiff(), keys.pdf(), keys.png()),
                store, clock);
    }

    @Bean
    SimpleMessageListenerContainer inboxContainer(ConnectionFactory connections, RabbitTemplate rabbit,
                                                  @Qualifier("inboxQueue") Queue queue, InboxArchiver archiver,
                                                  InboxProperties props) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
        container.setQueues(queue);
        container.setMessageListener(new InboxListener(archiver));
        // Acked when the listener returns, i.e. after the row committed.
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setConcurrentConsumers(props.consumers());
        container.setPrefetchCount(props.consumers() * 2);
        // Retried in place with backoff, then republished to the parking queue (confirmed) and acked.
        // Invalid input (unreadable JSON, a tenant id or document key that is not one) is parked at once.
        SimpleRetryPolicy retryPolicy = new SimpleRetryPolicy(props.maxDeliveries(), Map.of(
                IllegalArgumentException.class, false, MessageJsonException.class, false), true, true);
        container.setAdviceChain(new JobLogAdvice(), RetryInterceptorBuilder.stateless()
                .retryPolicy(retryPolicy)
                .backOffOptions(1_000, 2.0, 30_000)
                .recoverer(parkingUnlessOutage(new RepublishMessageRecovererWithConfirms(rabbit, "",
                        props.queue() + PARKING_SUFFIX, CachingConnectionFactory.ConfirmType.CORRELATED)))
                .build());
        return container;
    }

    /** A message that failed only because PostgreSQL or the broker is unreachable goes back to the queue. */
    private static MessageRecoverer parkingUnlessOutage(MessageRecoverer parking) {
        return (message, cause) -> {
            DependencyOutage.refuseToPark("message " + message.getMessageProperties().getMessageId(), cause);
            parking.recover(message, cause);
        };
    }
}
