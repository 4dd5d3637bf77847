package org.faxserver.notifier.config;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.faxserver.document.FaxTiffExport;
import org.faxserver.document.store.DocumentStore;
import org.faxserver.document.store.FileSystemDocumentStore;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.RoutingKeys;
import org.faxserver.notifier.channel.Attachments;
import org.faxserver.notifier.channel.DeliveryChannel;
import org.faxserver.notifier.delivery.adapter.DeliveryListeners;
import org.faxserver.notifier.delivery.adapter.DeliveryLoop;
import org.faxserver.notifier.delivery.adapter.DeliveryRepository;
import org.faxserver.notifier.delivery.application.AcceptingDeliveries;
import org.faxserver.notifier.delivery.application.PlanningReceipts;
import org.faxserver.notifier.delivery.application.Redelivering;
import org.faxserver.notifier.delivery.application.RunningDeliveries;
import org.faxserver.notifier.delivery.model.DeliveryRules;
import org.faxserver.notifier.delivery.model.NoticeEvent;
import org.faxserver.notifier.delivery.model.RetrySchedule;
import org.faxserver.notifier.directory.DirectoryChangedListener;
import org.faxserver.notifier.directory.DirectoryRepository;
import org.faxserver.notifier.directory.DirectoryWebhookSettings;
import org.faxserver.notifier.directory.NotifyDirectory;
import org.faxserver.notifier.document.FaxPdfSource;
import org.faxserver.notifier.email.EmailChannel;
import org.faxserver.notifier.metrics.MeteredChannel;
import org.faxserver.observability.FaxMetrics;
import org.faxserver.notifier.email.EmailTemplates;
import org.faxserver.notifier.email.Template;
import org.faxserver.notifier.receipt.model.ReceiptPlanner;
import org.faxserver.notifier.receipt.model.ReceiptPolicy;
import org.faxserver.notifier.report.TransmissionReport;
import org.faxserver.notifier.webhook.TargetAddressPolicy;
import org.faxserver.notifier.webhook.WebhookChannel;
import org.faxserver.support.CachedSnapshot;
import org.faxserver.support.MessagingProperties;
import org.faxserver.support.Outbox;
import org.faxserver.support.PeriodicCounts;
import org.faxserver.support.ProcessedMessages;
import org.faxserver.support.Topology;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Base64UrlNamingStrategy;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Wiring only: every domain and application object is built here with {@code new}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({NotifierProperties.class, DocumentsProperties.class})
public class NotifierConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  // --- rules -----------------------------------------------------------------------------------

  @Bean
  DeliveryRules deliveryRules(NotifierProperties props) {
    return new DeliveryRules(new RetrySchedule(props.retry().documentSchedule()),
        new RetrySchedule(props.retry().receiptSchedule()));
  }

  @Bean
  ReceiptPlanner receiptPlanner() {
    return new ReceiptPlanner(new ReceiptPolicy());
  }

  // --- directory (api-service's contract, read-only) --------------------------------------------

  @Bean
  CachedSnapshot<NotifyDirectory> cachedDirectory(DatabaseClient db, ReactiveTransactionManager transactions,
      NotifierProperties props, Clock clock) {
    DirectoryRepository repository = new DirectoryRepository(db, transactions);
    return new CachedSnapshot<>("Notifier directory", repository::load, props.directoryMaxAge(), false, clock);
  }

  @Bean
  Queue directoryChangedQueue() {
    return new AnonymousQueue(new Base64UrlNamingStrategy("notifier-service.directory.changed."));
  }

  @Bean
  Binding directoryChangedBinding(@Qualifier("directoryChangedQueue") Queue queue) {
    return BindingBuilder.bind(queue).to(Topology.events()).with(RoutingKeys.DIRECTORY_CHANGED);
  }

  @Bean
  DirectoryChangedListener directoryChangedListener(CachedSnapshot<NotifyDirectory> directory,
      @Qualifier("directoryChangedQueue") Queue queue) {
    return new DirectoryChangedListener(directory, queue.getName());
  }

  @Bean
  SimpleMessageListenerContainer directoryChangedContainer(ConnectionFactory connections,
      @Qualifier("directoryChangedQueue") Queue queue, DirectoryChangedListener listener) {
    SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
    container.setQueues(queue);
    container.setMessageListener(listener);
    container.setAcknowledgeMode(AcknowledgeMode.AUTO); // the listener never throws
    return container;
  }

  // --- channels --------------------------------------------------------------------------------

  @Bean
  DocumentStore documentStore(DocumentsProperties documents) throws IOException {
    return new FileSystemDocumentStore(documents.root());
  }

  @Bean
  Attachments attachments(DocumentStore store, NotifierProperties props) {
    return new Attachments(new FaxPdfSource(store, new FaxTiffExport(), props.maxAttachmentSize().toBytes()),
        new TransmissionReport(ZoneId.of(props.zone())));
  }

  @Bean
  EmailTemplates emailTemplates(NotifierProperties props) {
    Map<NoticeEvent, EmailTemplates.Pair> overrides = new EnumMap<>(NoticeEvent.class);
    props.email().templates().forEach((key, text) -> {
      NoticeEvent event = java.util.Arrays.stream(NoticeEvent.values())
          .filter(e -> e.templateKey().equals(key)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("faxserver.notifier.email.templates: unknown event '" + key
              + "' (known: document, sent, send-failed, received, received-undelivered, reception-failed)"));
      overrides.put(event, new EmailTemplates.Pair(
          text.subject() == null ? null : new Template(text.subject()),
          text.body() == null ? null : new Template(text.body())));
    });
    return new EmailTemplates(overrides, ZoneId.of(props.zone()));
  }

  @Bean
  EmailChannel emailChannel(JavaMailSenderImpl sender, EmailTemplates templates, Attachments attachments,
      NotifierProperties props, Clock clock) {
    NotifierProperties.Email email = props.email();
    return new EmailChannel(sender, templates, attachments, email.from(), email.fromName(), email.messageIdDomain(),
        clock);
  }

  @Bean(destroyMethod = "close")
  WebhookChannel webhookChannel(CachedSnapshot<NotifyDirectory> directory, Attachments attachments, NotifierProperties props,
      Clock clock) {
    NotifierProperties.Webhook webhook = props.webhook();
    return new WebhookChannel(webhook.connectTimeout(), webhook.requestTimeout(),
        new TargetAddressPolicy(webhook.refusePrivateAddresses()), WebhookChannel.systemResolver(),
        new DirectoryWebhookSettings(directory, webhook.receiptSigningSecret(), webhook.requestTimeout()),
        attachments, webhook.userAgent(), clock);
  }

  // --- application -------------------------------------------------------------------------------

  @Bean
  DeliveryRepository deliveryRepository(DatabaseClient db) {
    return new DeliveryRepository(db);
  }

  @Bean
  AcceptingDeliveries acceptingDeliveries(DeliveryRepository deliveries, ProcessedMessages processed,
      TransactionalOperator tx) {
    return new AcceptingDeliveries(deliveries, processed, tx);
  }

  @Bean
  PlanningReceipts planningReceipts(ReceiptPlanner planner, CachedSnapshot<NotifyDirectory> directory, DeliveryRepository deliveries,
      ProcessedMessages processed, TransactionalOperator tx) {
    return new PlanningReceipts(planner, directory, deliveries, processed, tx);
  }

  @Bean
  Redelivering redelivering(DeliveryRepository deliveries, ProcessedMessages processed, TransactionalOperator tx) {
    return new Redelivering(deliveries, processed, tx);
  }

  @Bean
  RunningDeliveries runningDeliveries(DeliveryRepository deliveries, List<DeliveryChannel> channels,
      DeliveryRules rules, Outbox outbox, TransactionalOperator tx, NotifierProperties props, Clock clock,
      FaxMetrics metrics) {
    List<DeliveryChannel> metered = channels.stream().<DeliveryChannel>map(c -> new MeteredChannel(c, metrics)).toList();
    return new RunningDeliveries(deliveries, metered, rules, outbox, tx, props.worker().claimLease(), metrics,
        clock);
  }

  @Bean
  DeliveryLoop deliveryLoop(RunningDeliveries running, DeliveryRepository deliveries, NotifierProperties props,
      Clock clock) {
    Duration longestWebhookTry = props.webhook().connectTimeout().plus(props.webhook().requestTimeout());
    if (props.worker().claimLease().compareTo(longestWebhookTry) <= 0) {
      throw new IllegalArgumentException("faxserver.notifier.worker.claim-lease (" + props.worker().claimLease()
          + ") must exceed a webhook try (connect-timeout + request-timeout = " + longestWebhookTry
          + "), or a slow try would be claimed twice");
    }
    return new DeliveryLoop(running, deliveries, props.worker().pollInterval(), props.worker().concurrency(),
        props.deliveryRetention(), props.jobDocumentRetention(), clock);
  }

  /**
   * {@code faxserver_deliveries_waiting{state}}: the backlog ops scale notifier workers by, and dead letters
   * waiting for an admin. Counted database-wide, so every replica reports the same value.
   */
  @Bean
  PeriodicCounts deliveryBacklog(DatabaseClient db, FaxMetrics metrics) {
    PeriodicCounts backlog = new PeriodicCounts("delivery backlog", db, DeliveryRepository.BACKLOG,
        Duration.ofSeconds(15), DeliveryRepository.BACKLOG_STATES);
    DeliveryRepository.BACKLOG_STATES.forEach(state -> metrics.deliveriesWaiting(state, backlog.of(state)));
    return backlog;
  }

  // --- messaging -------------------------------------------------------------------------------

  @Bean
  NotifierNames notifierNames(MessagingProperties messaging) {
    return new NotifierNames(messaging.service());
  }

  @Bean
  Declarables notifierTopology(MessagingProperties messaging) {
    String service = messaging.service();
    boolean quorum = messaging.quorumQueues();
    List<Declarable> all = new ArrayList<>();
    for (String key : new String[] {RoutingKeys.DELIVER_WEBHOOK, RoutingKeys.DELIVER_EMAIL, RoutingKeys.DELIVERY_REDELIVER}) {
      all.addAll(Topology.serviceQueue(service, Exchanges.FAX_COMMANDS, key, quorum).getDeclarables());
    }
    for (String key : new String[] {RoutingKeys.JOB_ROUTED, RoutingKeys.JOB_COMPLETED, RoutingKeys.INBOUND_RECEIVED}) {
      all.addAll(Topology.serviceQueue(service, Exchanges.FAX_EVENTS, key, quorum).getDeclarables());
    }
    return new Declarables(all);
  }

  @Bean
  DeliveryListeners deliveryListeners(AcceptingDeliveries accepting, PlanningReceipts receipts,
      Redelivering redelivering) {
    return new DeliveryListeners(accepting, receipts, redelivering);
  }

}
