package org.faxserver.queue.attempt.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.faxserver.model.attempt.AttemptProgress;
import org.faxserver.model.attempt.Negotiation;

/**
 * Folds progress reports, oldest first, into one per attempt that writes what the reports would have written one
 * after another: the latest page count, and each other value from the latest report that has it (a report without
 * a negotiation or page total keeps the one before, as the stored row would).
 */
public final class LatestProgress {

  private LatestProgress() {}

  /** One report per attempt, in the order the attempts first appear. */
  public static List<AttemptProgress> perAttempt(List<AttemptProgress> oldestFirst) {
    Map<UUID, AttemptProgress> latest = new LinkedHashMap<>();
    for (AttemptProgress report : oldestFirst) {
      latest.merge(report.attemptId(), report, LatestProgress::merge);
    }
    return new ArrayList<>(latest.values());
  }

  /** {@code newer} over {@code older} of the same attempt. */
  static AttemptProgress merge(AttemptProgress older, AttemptProgress newer) {
    return new AttemptProgress(newer.attemptId(), newer.jobId(), newer.stage(),
        merge(older.negotiation(), newer.negotiation()), newer.pagesTransferred(),
        newer.pagesTotal() != null ? newer.pagesTotal() : older.pagesTotal());
  }

  private static Negotiation merge(Negotiation older, Negotiation newer) {
    if (newer == null || older == null || newer.remoteStationId() != null) {
      return newer != null ? newer : older;
    }
    return new Negotiation(newer.transferRate(), newer.ecmUsed(), newer.t38Status(), older.remoteStationId());
  }
}
