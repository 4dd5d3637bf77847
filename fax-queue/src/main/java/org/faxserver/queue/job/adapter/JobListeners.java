package org.faxserver.queue.job.adapter;

import java.time.Duration;
import org.faxserver.model.job.JobCancel;
import org.faxserver.model.job.JobRouted;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.queue.config.QueueNames;
import org.faxserver.queue.job.application.AcceptingJobs;
import org.faxserver.queue.job.application.CancellingJobs;
import org.springframework.amqp.rabbit.annotation.RabbitListener;

/**
 * AMQP entry for jobs. Each method waits for its transaction, so the message is acked only after
 * commit; a failure is retried and finally parked by the container.
 */
public final class JobListeners {

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final AcceptingJobs accepting;
  private final CancellingJobs cancelling;
  private final Runnable jobsDue;

  /** @param jobsDue called after a commit that may have made a job due now (the scheduler's nudge) */
  public JobListeners(AcceptingJobs accepting, CancellingJobs cancelling, Runnable jobsDue) {
    this.accepting = accepting;
    this.cancelling = cancelling;
    this.jobsDue = jobsDue;
  }

  @RabbitListener(queues = "#{@queueNames.jobRouted()}", concurrency = QueueNames.CONSUMERS)
  public void onJobRouted(Envelope<JobRouted> envelope) {
    if (Boolean.TRUE.equals(accepting.accept(envelope).block(TIMEOUT))) {
      jobsDue.run();
    }
  }

  @RabbitListener(queues = "#{@queueNames.jobCancel()}")
  public void onJobCancel(Envelope<JobCancel> envelope) {
    cancelling.cancel(envelope).block(TIMEOUT);
  }
}
