package org.faxserver.queue.job.application;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.faxserver.model.attempt.OriginateFax;
import org.faxserver.model.delivery.DeliverEmail;
import org.faxserver.model.delivery.DeliverWebhook;
import org.faxserver.model.job.AttemptSummary;
import org.faxserver.model.job.CallKill;
import org.faxserver.model.job.EndpointKind;
import org.faxserver.model.job.EndpointRef;
import org.faxserver.model.job.JobCompleted;
import org.faxserver.model.job.JobStatusChanged;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.RoutingKeys;
import org.faxserver.queue.attempt.application.AttemptStore;
import org.faxserver.queue.attempt.model.AttemptSpec;
import org.faxserver.queue.job.model.Job;
import org.faxserver.queue.job.model.JobChange;
import org.faxserver.queue.job.model.JobEvent;
import org.faxserver.queue.job.model.JobWorkflow;
import org.faxserver.support.Outbox;
import reactor.core.publisher.Mono;

/**
 * Turns job transitions and started attempts into messages, written to the outbox in the caller's transaction
 * (the outbox writes all of a transaction's messages with one insert as it commits): {@code job.status},
 * {@code job.completed} (with every attempt and the job's document), {@code call.kill}, {@code fax.originate},
 * {@code deliver.webhook}, {@code deliver.email}.
 */
public final class JobMessages {

  private final Outbox outbox;
  private final AttemptStore attempts;
  private final Clock clock;

  public JobMessages(Outbox outbox, AttemptStore attempts, Clock clock) {
    this.outbox = outbox;
    this.attempts = attempts;
    this.clock = clock;
  }

  public Mono<Void> publish(JobChange change) {
    return publishAll(List.of(change));
  }

  /** {@link #publish} for several changes, reading the attempts of all the jobs that ended with one statement. */
  public Mono<Void> publishAll(List<JobChange> changes) {
    return messages(changes, List.of()).flatMap(outbox::appendAll);
  }

  /** Each start's messages and the command that carries out its attempt. */
  public Mono<Void> publishStarted(List<JobWorkflow.Started> starts) {
    return messages(starts.stream().map(JobWorkflow.Started::change).toList(), starts).flatMap(outbox::appendAll);
  }

  /** The changes' messages in order, each change's followed by its start's command when {@code starts} has one. */
  private Mono<List<Outbox.Message>> messages(List<JobChange> changes, List<JobWorkflow.Started> starts) {
    List<UUID> ended = changes.stream()
        .filter(change -> change.events().stream().anyMatch(JobEvent.Ended.class::isInstance))
        .map(change -> change.job().id())
        .toList();
    return attempts.summaries(ended).map(summaries -> {
      List<Outbox.Message> all = new ArrayList<>();
      for (int i = 0; i < changes.size(); i++) {
        Job job = changes.get(i).job();
        for (JobEvent event : changes.get(i).events()) {
          Outbox.Message message = message(job, event, summaries.getOrDefault(job.id(), List.of()));
          if (message != null) {
            all.add(message);
          }
        }
        if (!starts.isEmpty()) {
          all.add(command(job, starts.get(i).attempt()));
        }
      }
      return all;
    });
  }

  /** The event's message; null when it has none. */
  private Outbox.Message message(Job job, JobEvent event, List<AttemptSummary> attemptsOfJob) {
    String correlation = job.id().toString();
    if (event instanceof JobEvent.StatusChanged s) {
      JobStatusChanged payload = new JobStatusChanged(job.id(), job.tenantId(), s.status(), job.attemptCount(),
          s.nextAttemptAt(), s.detail());
      return new Outbox.Message(Exchanges.FAX_EVENTS, RoutingKeys.JOB_STATUS,
          Envelope.of(JobStatusChanged.TYPE, JobStatusChanged.VERSION, correlation, payload, clock));
    }
    if (event instanceof JobEvent.Ended e) {
      return new Outbox.Message(Exchanges.FAX_EVENTS, RoutingKeys.JOB_COMPLETED,
          Envelope.of(JobCompleted.TYPE, JobCompleted.VERSION, correlation,
              new JobCompleted(job.id(), job.tenantId(), job.origin(), job.submittedBy(), job.from(), job.to(),
                  job.pages(), e.status(), e.reason() == null ? null : e.reason().message(), attemptsOfJob,
                  job.document()),
              clock));
    }
    JobEvent.KillRequested kill = (JobEvent.KillRequested) event;
    EndpointRef endpoint = job.currentEndpoint();
    if (endpoint.kind() != EndpointKind.GATEWAY) {
      return null; // a webhook/email delivery has no call to kill; its report still comes
    }
    return killCallMessage(kill.attemptId(), job, endpoint.target(), kill.reason());
  }

  /** {@code call.kill} on fax.events, so every esl-gateway instance's own queue gets it. */
  public Mono<Void> killCall(UUID attemptId, Job job, String gateway, String reason) {
    Outbox.Message kill = killCallMessage(attemptId, job, gateway, reason);
    return outbox.append(kill.exchange(), kill.routingKey(), kill.envelope());
  }

  private Outbox.Message killCallMessage(UUID attemptId, Job job, String gateway, String reason) {
    return new Outbox.Message(Exchanges.FAX_EVENTS, CallKill.TYPE, Envelope.of(CallKill.TYPE, CallKill.VERSION,
        job.id().toString(), new CallKill(attemptId, job.id(), gateway, reason), clock));
  }

  /** The command that carries out a started attempt. */
  private Outbox.Message command(Job job, AttemptSpec spec) {
    String correlation = job.id().toString();
    EndpointRef endpoint = spec.endpoint();
    if (endpoint.kind() == EndpointKind.GATEWAY) {
      OriginateFax originate = new OriginateFax(spec.attemptId(), job.id(), spec.number(), endpoint.target(),
          job.to(), job.from(), null, job.document(), spec.fax(), spec.deadline(), spec.overrides());
      return new Outbox.Message(Exchanges.FAX_COMMANDS, RoutingKeys.FAX_ORIGINATE,
          Envelope.of(OriginateFax.TYPE, OriginateFax.VERSION, correlation, originate, clock));
    }
    if (endpoint.kind() == EndpointKind.WEBHOOK) {
      DeliverWebhook hook = new DeliverWebhook(spec.attemptId(), job.id(), job.tenantId(), endpoint.endpointId(),
          endpoint.target(), job.document(), job.from(), job.to(), job.pages(), job.options().labels());
      return new Outbox.Message(Exchanges.FAX_COMMANDS, RoutingKeys.DELIVER_WEBHOOK,
          Envelope.of(DeliverWebhook.TYPE, DeliverWebhook.VERSION, correlation, hook, clock));
    }
    DeliverEmail mail = new DeliverEmail(spec.attemptId(), job.id(), job.tenantId(), endpoint.endpointId(),
        recipients(endpoint.target()), job.document(), job.from(), job.to(), job.pages(), job.options().labels());
    return new Outbox.Message(Exchanges.FAX_COMMANDS, RoutingKeys.DELIVER_EMAIL,
        Envelope.of(DeliverEmail.TYPE, DeliverEmail.VERSION, correlation, mail, clock));
  }

  private static List<String> recipients(String target) {
    return Arrays.stream(target.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList();
  }
}
