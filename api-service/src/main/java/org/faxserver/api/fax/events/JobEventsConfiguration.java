package org.faxserver.api.fax.events;

import java.time.Duration;
import java.util.List;

import org.faxserver.model.messaging.RoutingKeys;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Base64UrlNamingStrategy;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.ConsumeOkEvent;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An api-service instance hears {@code job.status} and {@code attempt.progress} on its own
 * exclusive, auto-delete queue (decision 0004), which is bound to them only while an SSE
 * stream of this instance needs them ({@link BrokerJobEventFeed}): an SSE client may be connected to
 * any instance, and the queue disappears with the instance.
 */
@Configuration(proxyBeanMethods = false)
class JobEventsConfiguration {

    /**
     * Named here once (exclusive, auto-delete, not durable), so it keeps its name across reconnects: with a
     * name the broker gives, RabbitAdmin re-declared it under a new one while the listener's consumer kept
     * asking for the old one, and events stopped after the first lost connection.
     */
    @Bean
    Queue jobEventsQueue() {
        return new AnonymousQueue(new Base64UrlNamingStrategy("api-service.job-events."));
    }

    /** Depends on the admin, so its connection listener runs after the admin's queue declaration. */
    @Bean
    BrokerJobEventFeed jobEventFeed(AmqpAdmin admin, ConnectionFactory connections,
                                    @Qualifier("jobEventsQueue") Queue queue,
                                    @Qualifier("faxEventsExchange") TopicExchange faxEvents,
                                    JobEventsProperties props) {
        BrokerJobEventFeed feed = new BrokerJobEventFeed(admin, queue.getName(), faxEvents.getName(),
                List.of(RoutingKeys.JOB_STATUS, RoutingKeys.ATTEMPT_PROGRESS), props.unbindAfter(),
                Duration.ofSeconds(5));
        connections.addConnectionListener(feed);
        return feed;
    }

    /** Binds again whenever the listener's consumer (re)starts on the queue: the queue may be new. */
    @Bean
    ApplicationListener<ConsumeOkEvent> jobEventsConsumerStarted(BrokerJobEventFeed feed,
                                                                 @Qualifier("jobEventsQueue") Queue queue) {
        return event -> {
            if (queue.getName().equals(event.getQueue())) {
                feed.consumerStarted();
            }
        };
    }

    @Bean
    JobEventHub jobEventHub() {
        return new JobEventHub();
    }

    @Bean
    JobEventStreams jobEventStreams(JobEventHub hub, JobEventFeed feed) {
        return new JobEventStreams(hub, feed);
    }

    @Bean
    JobEventsListener jobEventsListener(JobEventHub hub) {
        return new JobEventsListener(hub);
    }

    @Bean
    SimpleMessageListenerContainer jobEventsContainer(ConnectionFactory connections,
                                                      @Qualifier("jobEventsQueue") Queue queue,
                                                      JobEventsListener listener) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
        container.setQueues(queue);
        container.setMessageListener(listener);
        // Informational events: losing one on a crash is fine, so no acks to wait for.
        container.setAcknowledgeMode(AcknowledgeMode.NONE);
        // After a reconnect the queue is missing until RabbitAdmin has declared it again.
        container.setMissingQueuesFatal(false);
        // One consumer keeps per-job order and makes the hub's emitter single-threaded.
        container.setConcurrentConsumers(1);
        return container;
    }
}
