package org.faxserver.queue.job.model;

import java.util.List;

/**
 * A job after a transition, with what happened. {@code ignoredBecause} is set when the input did not
 * apply (late or duplicate report, job already over): the job is then returned unchanged.
 */
public record JobChange(Job job, List<JobEvent> events, String ignoredBecause) {

  public JobChange {
    events = List.copyOf(events);
  }

  public static JobChange of(Job job, JobEvent... events) {
    return new JobChange(job, List.of(events), null);
  }

  public static JobChange ignored(Job job, String why) {
    return new JobChange(job, List.of(), why);
  }

  public boolean isIgnored() {
    return ignoredBecause != null;
  }
}
