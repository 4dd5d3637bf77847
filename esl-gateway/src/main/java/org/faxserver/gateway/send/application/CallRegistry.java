package org.faxserver.gateway.send.application;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls this gateway has in flight, by attempt id (= FreeSWITCH Unique-ID) and by the Job-UUID
 * of their originate, bounded by the node's channel limit; plus a memory of recently finished
 * attempts, so a redelivered command for an attempt we already reported is not dialled again.
 */
final class CallRegistry {

  private final int maxChannels;
  private final Map<UUID, TrackedCall> byAttempt = new ConcurrentHashMap<>();
  private final Map<String, TrackedCall> byJob = new ConcurrentHashMap<>();
  private final Map<UUID, Boolean> finished;

  CallRegistry(int maxChannels, int finishedMemory) {
    if (maxChannels < 1) {
      throw new IllegalArgumentException("maxChannels must be at least 1");
    }
    this.maxChannels = maxChannels;
    this.finished = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
        return size() > finishedMemory;
      }
    });
  }

  /** Adds a call if there is a free channel and the attempt is new; false otherwise. */
  synchronized boolean add(TrackedCall call) {
    UUID id = call.command().attemptId();
    if (byAttempt.size() >= maxChannels || knows(id)) {
      return false;
    }
    byAttempt.put(id, call);
    byJob.put(call.jobUuid(), call);
    return true;
  }

  /** Removes a finished call and remembers its attempt. */
  synchronized void finished(TrackedCall call) {
    byAttempt.remove(call.command().attemptId(), call);
    byJob.remove(call.jobUuid(), call);
    finished.put(call.command().attemptId(), Boolean.TRUE);
  }

  /** Remembers an attempt we reported without tracking it (an orphan found by reconciliation). */
  void finishedElsewhere(UUID attemptId) {
    finished.put(attemptId, Boolean.TRUE);
  }

  /**
   * Claims a new attempt for a report without a call (deadline passed, document missing): false if the attempt is
   * in flight or reported already, e.g. by another consumer handling a second copy of its command at this moment.
   */
  synchronized boolean claimForReport(UUID attemptId) {
    if (knows(attemptId)) {
      return false;
    }
    finished.put(attemptId, Boolean.TRUE);
    return true;
  }

  /** Whether the attempt is in flight or was reported recently. */
  boolean knows(UUID attemptId) {
    return byAttempt.containsKey(attemptId) || finished.containsKey(attemptId);
  }

  boolean tracks(UUID attemptId) {
    return byAttempt.containsKey(attemptId);
  }

  Optional<TrackedCall> byAttempt(UUID attemptId) {
    return Optional.ofNullable(byAttempt.get(attemptId));
  }

  Optional<TrackedCall> byJob(String jobUuid) {
    return Optional.ofNullable(byJob.get(jobUuid));
  }

  Collection<TrackedCall> all() {
    return List.copyOf(byAttempt.values());
  }

  int freeChannels() {
    return maxChannels - byAttempt.size();
  }
}
