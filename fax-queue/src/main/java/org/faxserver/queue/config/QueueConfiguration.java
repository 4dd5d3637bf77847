package org.faxserver.queue.config;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.faxserver.model.fallback.FallbackChange;
import org.faxserver.model.fallback.OverrideChange;
import org.faxserver.model.fax.HangupCause;
import org.faxserver.model.fax.T38Policy;
import org.faxserver.model.job.JobCancel;
import org.faxserver.model.job.JobStatus;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.RoutingKeys;
import org.faxserver.observability.FaxMetrics;
import org.faxserver.queue.attempt.adapter.AttemptListeners;
import org.faxserver.queue.attempt.adapter.AttemptRepository;
import org.faxserver.queue.attempt.adapter.SchedulerLoop;
import org.faxserver.queue.attempt.adapter.StartLookupsRepository;
import org.faxserver.queue.attempt.application.AttemptStore;
import org.faxserver.queue.attempt.application.FinishingAttempts;
import org.faxserver.queue.attempt.application.ReapingStuckAttempts;
import org.faxserver.queue.attempt.application.RecordingProgress;
import org.faxserver.queue.attempt.application.StartLookups;
import org.faxserver.queue.attempt.application.StartingAttempts;
import org.faxserver.queue.attempt.model.DisableEcmAfterRetryRule;
import org.faxserver.queue.attempt.model.DisableV17AfterRetryRule;
import org.faxserver.queue.attempt.model.FaxSettingsPolicy;
import org.faxserver.queue.attempt.model.StuckAttemptRule;
import org.faxserver.queue.fallback.adapter.FallbackListeners;
import org.faxserver.queue.fallback.adapter.FallbackRepository;
import org.faxserver.queue.fallback.application.ManagingFallbacks;
import org.faxserver.queue.fallback.model.SoftmodemFallbackRule;
import org.faxserver.queue.gateway.adapter.GatewayLoadRepository;
import org.faxserver.queue.gateway.adapter.Resilience4jGatewayBreakers;
import org.faxserver.queue.gateway.application.GatewayGate;
import org.faxserver.queue.job.adapter.JobListeners;
import org.faxserver.queue.job.adapter.JobRepository;
import org.faxserver.queue.job.application.AcceptingJobs;
import org.faxserver.queue.job.application.CancellingJobs;
import org.faxserver.queue.job.application.JobMessages;
import org.faxserver.queue.job.application.JobStore;
import org.faxserver.queue.job.model.JobWorkflow;
import org.faxserver.queue.override.adapter.OverrideListeners;
import org.faxserver.queue.override.adapter.OverrideRepository;
import org.faxserver.queue.override.application.ManagingOverrides;
import org.faxserver.queue.retry.model.FinalHangupCauseRule;
import org.faxserver.queue.retry.model.RetryAttemptsRule;
import org.faxserver.queue.retry.model.RetryDelay;
import org.faxserver.queue.retry.model.RetryDelayRule;
import org.faxserver.queue.retry.model.RetryPolicy;
import org.faxserver.support.EnvelopeMessageConverter;
import org.faxserver.support.MessagingProperties;
import org.faxserver.support.Outbox;
import org.faxserver.support.ParkingRecoverer;
import org.faxserver.support.PeriodicCounts;
import org.faxserver.support.ProcessedMessages;
import org.faxserver.support.ServiceSupportConfiguration;
import org.faxserver.support.Topology;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.autoconfigure.amqp.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Wiring only: every domain and application object is built here with {@code new}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({FaxingProperties.class, QueueProperties.class})
public class QueueConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  // --- rules ------------------------------------------------------------------------------

  @Bean
  JobWorkflow jobWorkflow(FaxingProperties faxing, QueueProperties queue) {
    Set<HangupCause> finalCauses = faxing.failedResponse().stream()
        .map(QueueConfiguration::hangupCause)
        .collect(Collectors.toSet());
    RetryPolicy retry = new RetryPolicy(new RetryAttemptsRule(faxing.retryAttempts()),
        new RetryDelayRule(RetryDelay.parse(faxing.retryDelay())), new FinalHangupCauseRule(finalCauses));
    T38Policy baseline = faxing.requestT38() ? T38Policy.REQUEST : faxing.enableT38() ? T38Policy.ACCEPT : T38Policy.OFF;
    FaxSettingsPolicy settings = new FaxSettingsPolicy(baseline,
        new DisableV17AfterRetryRule(faxing.disableV17AfterRetry()),
        new DisableEcmAfterRetryRule(faxing.disableEcmAfterRetry()));
    return new JobWorkflow(retry, settings, new SoftmodemFallbackRule(faxing.softmodemFallback()),
        faxing.attemptTimeout(), queue.scheduler().busyGatewayWait(), queue.scheduler().unhealthyGatewayWait());
  }

  /**
   * A misspelt cause would read as UNKNOWN and make every unexplained failure final, so an unknown
   * name stops start-up instead.
   */
  static HangupCause hangupCause(String name) {
    HangupCause cause = HangupCause.fromFreeSwitch(name);
    if (cause == HangupCause.UNKNOWN) {
      throw new IllegalArgumentException("faxserver.faxing.failed-response: unknown hangup cause '" + name + "'");
    }
    return cause;
  }

  @Bean
  StuckAttemptRule stuckAttemptRule(FaxingProperties faxing) {
    return new StuckAttemptRule(faxing.killGrace(), faxing.reconcileTimeout());
  }

  // --- adapters: database ---------------------------------------------------------------------

  @Bean
  JobRepository jobRepository(DatabaseClient db) {
    return new JobRepository(db);
  }

  @Bean
  AttemptRepository attemptRepository(DatabaseClient db) {
    return new AttemptRepository(db);
  }

  @Bean
  FallbackRepository fallbackRepository(DatabaseClient db) {
    return new FallbackRepository(db);
  }

  @Bean
  OverrideRepository overrideRepository(DatabaseClient db) {
    return new OverrideRepository(db);
  }

  @Bean
  StartLookupsRepository startLookups(DatabaseClient db) {
    return new StartLookupsRepository(db);
  }

  @Bean
  Resilience4jGatewayBreakers gatewayBreakers(QueueProperties queue) {
    QueueProperties.CircuitBreaker cb = queue.circuitBreaker();
    return new Resilience4jGatewayBreakers(cb.failureRateThreshold(), cb.minimumCalls(), cb.slidingWindow(),
        cb.openWait());
  }

  @Bean
  GatewayGate gatewayGate(Resilience4jGatewayBreakers breakers, DatabaseClient db, QueueProperties queue) {
    return new GatewayGate(breakers, new GatewayLoadRepository(db), queue.gateways()::limitOf);
  }

  // --- application -----------------------------------------------------------------------------

  @Bean
  JobMessages jobMessages(Outbox outbox, AttemptStore attempts, Clock clock) {
    return new JobMessages(outbox, attempts, clock);
  }

  @Bean
  ManagingFallbacks managingFallbacks(FallbackRepository store, Outbox outbox, ProcessedMessages processed,
      TransactionalOperator tx, Clock clock) {
    return new ManagingFallbacks(store, outbox, processed, tx, clock);
  }

  @Bean
  ManagingOverrides managingOverrides(OverrideRepository store, Outbox outbox, ProcessedMessages processed,
      TransactionalOperator tx, Clock clock) {
    return new ManagingOverrides(store, outbox, processed, tx, clock);
  }

  @Bean
  AcceptingJobs acceptingJobs(JobWorkflow workflow, JobStore jobs, JobMessages messages,
      TransactionalOperator tx, Clock clock, StartingAttempts starting) {
    return new AcceptingJobs(workflow, jobs, messages, tx, clock, starting::startAccepted);
  }

  @Bean
  CancellingJobs cancellingJobs(JobWorkflow workflow, JobStore jobs, JobMessages messages,
      ProcessedMessages processed, TransactionalOperator tx, Clock clock) {
    return new CancellingJobs(workflow, jobs, messages, processed, tx, clock);
  }

  @Bean
  StartingAttempts startingAttempts(JobWorkflow workflow, JobStore jobs, AttemptStore attempts, GatewayGate gate,
      StartLookups lookups, JobMessages messages, TransactionalOperator tx, Clock clock) {
    return new StartingAttempts(workflow, jobs, attempts, gate, lookups, messages, tx, clock);
  }

  @Bean
  FinishingAttempts finishingAttempts(JobWorkflow workflow, JobStore jobs, AttemptStore attempts, GatewayGate gate,
      ManagingFallbacks fallbacks, JobMessages messages, TransactionalOperator tx, Clock clock, FaxMetrics metrics) {
    return new FinishingAttempts(workflow, jobs, attempts, gate, fallbacks, messages, tx, clock,
        metrics::retryScheduled);
  }

  /**
   * {@code faxserver_queue_depth{state}}: unfinished jobs by status, counted database-wide, so every replica
   * reports the same value.
   */
  @Bean
  PeriodicCounts queueDepth(DatabaseClient db, FaxMetrics metrics) {
    List<JobStatus> waiting = List.of(JobStatus.QUEUED, JobStatus.WAITING_RETRY, JobStatus.IN_PROGRESS);
    PeriodicCounts depth = new PeriodicCounts("queue depth", db,
        "SELECT status AS label, count(*) AS n FROM queue.job WHERE completed_at IS NULL GROUP BY status",
        Duration.ofSeconds(15), waiting.stream().map(JobStatus::name).toList());
    waiting.forEach(s -> metrics.queueDepth(s.name().toLowerCase(Locale.ROOT), depth.of(s.name())));
    return depth;
  }

  @Bean
  RecordingProgress recordingProgress(AttemptStore attempts) {
    return new RecordingProgress(attempts);
  }

  @Bean
  ReapingStuckAttempts reapingStuckAttempts(StuckAttemptRule rule, AttemptStore attempts, JobStore jobs,
      FinishingAttempts finishing, JobMessages messages, TransactionalOperator tx, Clock clock) {
    return new ReapingStuckAttempts(rule, attempts, jobs, finishing, messages, tx, clock);
  }

  @Bean
  SchedulerLoop schedulerLoop(StartingAttempts starting, ReapingStuckAttempts reaping, QueueProperties queue) {
    return new SchedulerLoop(starting, reaping, queue.scheduler().pollInterval(), queue.scheduler().batchSize(),
        queue.scheduler().concurrency());
  }

  // --- adapters: messaging ---------------------------------------------------------------------

  @Bean
  QueueNames queueNames(MessagingProperties messaging) {
    return new QueueNames(messaging.service());
  }

  @Bean
  Declarables queueTopology(MessagingProperties messaging, QueueProperties queue) {
    String service = messaging.service();
    boolean quorum = messaging.quorumQueues();
    java.util.List<Declarable> all = new java.util.ArrayList<>();
    for (String key : new String[] {RoutingKeys.JOB_ROUTED, RoutingKeys.ATTEMPT_PROGRESS,
        RoutingKeys.ATTEMPT_FINISHED, RoutingKeys.DELIVERY_FINISHED}) {
      all.addAll(serviceQueue(service, Exchanges.FAX_EVENTS, key, queue.bindingKey(key), quorum));
    }
    for (String key : new String[] {JobCancel.TYPE, FallbackChange.SET_TYPE, FallbackChange.REMOVE_TYPE,
        OverrideChange.SET_TYPE, OverrideChange.REMOVE_TYPE}) {
      all.addAll(serviceQueue(service, Exchanges.FAX_COMMANDS, key, queue.bindingKey(key), quorum));
    }
    return new Declarables(all);
  }

  /** Topology's queue pair for {@code key}, its binding using {@code bindingKey} (see QueueProperties). */
  private static java.util.List<Declarable> serviceQueue(String service, String exchange, String key,
      String bindingKey, boolean quorum) {
    java.util.List<Declarable> out = new java.util.ArrayList<>();
    for (Declarable d : Topology.serviceQueue(service, exchange, key, quorum).getDeclarables()) {
      if (d instanceof org.springframework.amqp.core.Binding b && !bindingKey.equals(key)) {
        out.add(new org.springframework.amqp.core.Binding(b.getDestination(), b.getDestinationType(), b.getExchange(),
            bindingKey, b.getArguments()));
      } else {
        out.add(d);
      }
    }
    return out;
  }

  @Bean
  JobListeners jobListeners(AcceptingJobs accepting, CancellingJobs cancelling, SchedulerLoop scheduler,
      EnvelopeMessageConverter converter, ParkingRecoverer parking) {
    return new JobListeners(accepting, cancelling, scheduler::nudge, converter, parking);
  }

  /**
   * {@code job.routed} in batches ({@link JobListeners#onJobsRouted}): each consumer takes what is waiting, up to
   * {@code intake.batch-size} (its prefetch), and gathers the rest of a batch for up to {@code intake.batch-wait} after
   * its first job; under load the jobs come in batches, one transaction and one ack for each.
   */
  @Bean
  SimpleRabbitListenerContainerFactory jobRoutedListenerContainerFactory(
      SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory,
      EnvelopeMessageConverter converter, MessagingProperties messaging, ParkingRecoverer parking,
      QueueProperties queue) {
    return ServiceSupportConfiguration.batchListenerContainerFactory(configurer, connectionFactory, converter,
        messaging, parking, queue.intake().batchSize(), queue.intake().batchWait());
  }

  /**
   * {@code attempt.finished} in batches ({@link AttemptListeners#onAttemptsFinished}): each of the
   * {@code faxserver.queue.consumers} takes what is waiting, up to {@code finishing.batch-size} (its prefetch), and
   * gathers the rest of a batch for up to {@code finishing.batch-wait} after its first report; under load the reports
   * come in batches, one transaction and one ack for each.
   */
  @Bean
  SimpleRabbitListenerContainerFactory attemptFinishedListenerContainerFactory(
      SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory,
      EnvelopeMessageConverter converter, MessagingProperties messaging, ParkingRecoverer parking,
      QueueProperties queue) {
    return ServiceSupportConfiguration.batchListenerContainerFactory(configurer, connectionFactory, converter,
        messaging, parking, queue.finishing().batchSize(), queue.finishing().batchWait());
  }

  /**
   * {@code attempt.progress} in batches ({@link RecordingProgress}): one consumer, prefetch and batch of
   * {@code progress.batch-size}, gathered for up to {@code progress.batch-wait}, acked together after the statement.
   */
  @Bean
  SimpleRabbitListenerContainerFactory progressListenerContainerFactory(
      SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory,
      EnvelopeMessageConverter converter, MessagingProperties messaging, ParkingRecoverer parking,
      QueueProperties queue) {
    return ServiceSupportConfiguration.batchListenerContainerFactory(configurer, connectionFactory, converter,
        messaging, parking, queue.progress().batchSize(), queue.progress().batchWait());
  }

  @Bean
  AttemptListeners attemptListeners(FinishingAttempts finishing, RecordingProgress progress,
      SchedulerLoop scheduler, EnvelopeMessageConverter converter, ParkingRecoverer parking) {
    return new AttemptListeners(finishing, progress, scheduler::nudge, converter, parking);
  }

  @Bean
  FallbackListeners fallbackListeners(ManagingFallbacks fallbacks) {
    return new FallbackListeners(fallbacks);
  }

  @Bean
  OverrideListeners overrideListeners(ManagingOverrides overrides) {
    return new OverrideListeners(overrides);
  }
}
