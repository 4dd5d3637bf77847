package org.faxserver.queue.attempt.adapter;

import static org.faxserver.queue.db.Sql.fromJson;
import static org.faxserver.queue.db.Sql.json;
import static org.faxserver.queue.db.Sql.orNull;
import static org.faxserver.queue.db.Sql.valuesRows;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.faxserver.model.attempt.AttemptProgress;
import org.faxserver.model.attempt.Negotiation;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.job.AttemptSummary;
import org.faxserver.model.job.EndpointKind;
import org.faxserver.model.job.EndpointRef;
import org.faxserver.queue.attempt.application.AttemptRecord;
import org.faxserver.queue.attempt.application.AttemptReport;
import org.faxserver.queue.attempt.application.AttemptStore;
import org.faxserver.queue.attempt.model.AttemptOutcome;
import org.faxserver.queue.attempt.model.AttemptSpec;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link AttemptStore} on {@code queue.attempt}. */
public final class AttemptRepository implements AttemptStore {

  private static final String RECORD_COLUMNS =
      "attempt_id, job_id, number, endpoint_id, endpoint_kind, target, started_at, deadline, kill_requested_at, ended_at";
  /** The same, qualified with {@code a.}: for statements that join {@code queue.attempt AS a} with other rows. */
  private static final String RECORD_COLUMNS_OF_A = RECORD_COLUMNS.replaceAll("(\\w+)", "a.$1");

  private final DatabaseClient db;

  public AttemptRepository(DatabaseClient db) {
    this.db = db;
  }

  @Override
  public Mono<Void> insert(AttemptSpec spec, Instant startedAt) {
    return insertAll(List.of(spec), startedAt);
  }

  @Override
  public Mono<Void> insertAll(List<AttemptSpec> specs, Instant startedAt) {
    if (specs.isEmpty()) {
      return Mono.empty();
    }
    String rows = valuesRows("(:id#, :job#, :number#, :endpointId#, :kind#, :target#, CAST(:fax# AS jsonb), "
        + "CAST(:overrides# AS jsonb), :started, :deadline#)", specs.size());
    Map<String, Object> values = new HashMap<>();
    values.put("started", startedAt);
    for (int i = 0; i < specs.size(); i++) {
      AttemptSpec spec = specs.get(i);
      values.put("id" + i, spec.attemptId());
      values.put("job" + i, spec.jobId());
      values.put("number" + i, spec.number());
      values.put("endpointId" + i, spec.endpoint().endpointId());
      values.put("kind" + i, spec.endpoint().kind().name());
      values.put("target" + i, spec.endpoint().target());
      values.put("overrides" + i, json(spec.overrides()));
      values.put("deadline" + i, spec.deadline());
      values.put("fax" + i, orNull(json(spec.fax()), String.class));
    }
    return db.sql("INSERT INTO queue.attempt (attempt_id, job_id, number, endpoint_id, endpoint_kind, target, "
            + "fax_settings, overrides, started_at, deadline) VALUES " + rows)
        .bindValues(values)
        .then();
  }

  @Override
  public Flux<AttemptRecord> finishAllIfLive(List<Ending> endings) {
    if (endings.isEmpty()) {
      return Flux.empty();
    }
    String rows = valuesRows("(CAST(:id# AS uuid), CAST(:ended# AS timestamptz), CAST(:end# AS text), "
        + "CAST(:success# AS boolean), CAST(:code# AS text), CAST(:detail# AS text), CAST(:cause# AS text), "
        + "CAST(:t30# AS integer), CAST(:t30text# AS text), CAST(:csid# AS text), CAST(:rate# AS integer), "
        + "CAST(:ecm# AS boolean), CAST(:t38# AS text), CAST(:badRows# AS integer), CAST(:negotiations# AS integer), "
        + "CAST(:pagesSent# AS integer), CAST(:pagesTotal# AS integer), CAST(:pages# AS jsonb), "
        + "CAST(:result# AS jsonb))", endings.size());
    Map<String, Object> values = new HashMap<>();
    for (int i = 0; i < endings.size(); i++) {
      AttemptReport report = endings.get(i).report();
      AttemptOutcome o = report.outcome();
      FaxResult r = report.result();
      values.put("id" + i, endings.get(i).attemptId());
      values.put("ended" + i, report.endedAt());
      values.put("end" + i, o.end().name());
      values.put("success" + i, o.success());
      values.put("badRows" + i, o.badRows());
      values.put("negotiations" + i, o.negotiations());
      values.put("code" + i, orNull(o.errorCode(), String.class));
      values.put("detail" + i, orNull(o.detail(), String.class));
      values.put("cause" + i, orNull(r == null ? null : r.hangupCause().name(), String.class));
      values.put("t30" + i, orNull(r == null ? null : r.resultCode(), Integer.class));
      values.put("t30text" + i, orNull(r == null ? null : r.resultText(), String.class));
      values.put("csid" + i, orNull(r == null ? null : r.remoteStationId(), String.class));
      values.put("rate" + i, orNull(r == null ? null : r.transferRate(), Integer.class));
      values.put("ecm" + i, orNull(r == null || r.transferRate() == null ? null : r.ecmUsed(), Boolean.class));
      values.put("t38" + i, orNull(r == null ? null : r.t38Status().name(), String.class));
      values.put("pagesSent" + i, orNull(r == null ? null : r.pagesTransferred(), Integer.class));
      values.put("pagesTotal" + i, orNull(r == null ? null : r.pagesTotal(), Integer.class));
      values.put("pages" + i, orNull(r == null ? null : json(r.pages()), String.class));
      values.put("result" + i, orNull(json(r), String.class));
    }
    return db.sql("WITH v(attempt_id, ended_at, end_kind, success, error_code, detail, hangup_cause, t30_code, "
            + "t30_text, csid, rate, ecm, t38, bad_rows, negotiations, pages_sent, pages_total, pages, result) AS "
            + "(VALUES " + rows + "), "
            + "ended AS (UPDATE queue.attempt AS a SET ended_at = v.ended_at, end_kind = v.end_kind, "
            + "success = v.success, error_code = v.error_code, detail = v.detail, hangup_cause = v.hangup_cause, "
            + "t30_code = v.t30_code, t30_text = v.t30_text, remote_csid = coalesce(v.csid, a.remote_csid), "
            + "bit_rate = coalesce(v.rate, a.bit_rate), ecm = coalesce(v.ecm, a.ecm), "
            + "t38_status = coalesce(v.t38, a.t38_status), bad_rows = v.bad_rows, negotiations = v.negotiations, "
            + "pages_sent = coalesce(v.pages_sent, a.pages_sent), pages_total = coalesce(v.pages_total, a.pages_total), "
            + "pages = v.pages, result = v.result FROM v WHERE a.attempt_id = v.attempt_id AND a.ended_at IS NULL "
            + "RETURNING " + RECORD_COLUMNS_OF_A + ", v.pages_sent AS reported_pages), "
            // The jobs' pages while these are still their live attempts (the job updates that follow release them).
            + "job AS (UPDATE queue.job AS j SET pages_sent = coalesce(ended.reported_pages, j.pages_sent) FROM ended "
            + "WHERE j.job_id = ended.job_id AND j.live_attempt_id = ended.attempt_id) "
            + "SELECT " + RECORD_COLUMNS + " FROM ended")
        .bindValues(values)
        .map(AttemptRepository::toRecord)
        .all();
  }

  @Override
  public Mono<Void> progress(List<AttemptProgress> latestPerAttempt) {
    if (latestPerAttempt.isEmpty()) {
      return Mono.empty();
    }
    // One statement for all attempts and their jobs: progress is the pipeline's most frequent message.
    String rows = valuesRows("(CAST(:id# AS uuid), CAST(:pages# AS integer), CAST(:total# AS integer), "
        + "CAST(:rate# AS integer), CAST(:ecm# AS boolean), CAST(:t38# AS text), CAST(:csid# AS text))",
        latestPerAttempt.size());
    Map<String, Object> values = new HashMap<>();
    for (int i = 0; i < latestPerAttempt.size(); i++) {
      AttemptProgress p = latestPerAttempt.get(i);
      Negotiation n = p.negotiation();
      values.put("id" + i, p.attemptId());
      values.put("pages" + i, p.pagesTransferred());
      values.put("total" + i, orNull(p.pagesTotal(), Integer.class));
      values.put("rate" + i, orNull(n == null ? null : n.transferRate(), Integer.class));
      values.put("ecm" + i, orNull(n == null ? null : n.ecmUsed(), Boolean.class));
      values.put("t38" + i, orNull(n == null ? null : n.t38Status().name(), String.class));
      values.put("csid" + i, orNull(n == null ? null : n.remoteStationId(), String.class));
    }
    // An attempt another transaction holds (ending it, say) is skipped, not waited for: its progress is moot then,
    // and a batch of finished reports that holds some attempts and waits for others cannot deadlock with this.
    return db.sql("WITH v(attempt_id, pages, total, rate, ecm, t38, csid) AS (VALUES " + rows + "), "
            + "free AS (SELECT a.attempt_id FROM queue.attempt AS a JOIN v USING (attempt_id) "
            + "WHERE a.ended_at IS NULL FOR UPDATE OF a SKIP LOCKED), "
            + "live AS (UPDATE queue.attempt AS a SET pages_sent = v.pages, "
            + "pages_total = coalesce(v.total, a.pages_total), bit_rate = coalesce(v.rate, a.bit_rate), "
            + "ecm = coalesce(v.ecm, a.ecm), t38_status = coalesce(v.t38, a.t38_status), "
            + "remote_csid = coalesce(v.csid, a.remote_csid) FROM v JOIN free USING (attempt_id) "
            + "WHERE a.attempt_id = v.attempt_id AND a.ended_at IS NULL RETURNING a.attempt_id, a.job_id, a.pages_sent) "
            + "UPDATE queue.job AS j SET pages_sent = live.pages_sent FROM live "
            + "WHERE j.job_id = live.job_id AND j.live_attempt_id = live.attempt_id")
        .bindValues(values)
        .then();
  }

  @Override
  public Mono<Void> markKillRequested(UUID attemptId, Instant at) {
    return db.sql("UPDATE queue.attempt SET kill_requested_at = :at WHERE attempt_id = :id")
        .bind("at", at)
        .bind("id", attemptId)
        .then();
  }

  @Override
  public Flux<AttemptRecord> lockOverdue(Instant deadlineCutoff, Instant killCutoff, int limit) {
    return db.sql("SELECT " + RECORD_COLUMNS + " FROM queue.attempt WHERE ended_at IS NULL AND deadline < :cutoff "
            + "AND (kill_requested_at IS NULL OR kill_requested_at < :killCutoff) "
            + "ORDER BY deadline LIMIT :limit FOR UPDATE SKIP LOCKED")
        .bind("cutoff", deadlineCutoff)
        .bind("killCutoff", killCutoff)
        .bind("limit", limit)
        .map(AttemptRepository::toRecord)
        .all();
  }

  @Override
  public Mono<Map<UUID, List<AttemptSummary>>> summaries(Collection<UUID> jobIds) {
    if (jobIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return db.sql("SELECT job_id, attempt_id, number, endpoint_id, endpoint_kind, target, started_at, ended_at, "
            + "success, detail, result::text AS result FROM queue.attempt WHERE job_id = ANY(:jobs) "
            + "ORDER BY job_id, number")
        .bind("jobs", jobIds.toArray(UUID[]::new))
        .map(row -> Map.entry(row.get("job_id", UUID.class), new AttemptSummary(
            row.get("attempt_id", UUID.class),
            row.get("number", Integer.class),
            endpoint(row),
            row.get("started_at", Instant.class),
            row.get("ended_at", Instant.class),
            Boolean.TRUE.equals(row.get("success", Boolean.class)),
            fromJson(row.get("result", String.class), FaxResult.class),
            row.get("detail", String.class))))
        .all()
        .collect(Collectors.groupingBy(Map.Entry::getKey,
            Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
  }

  private static AttemptRecord toRecord(Readable row) {
    return new AttemptRecord(
        row.get("attempt_id", UUID.class),
        row.get("job_id", UUID.class),
        row.get("number", Integer.class),
        endpoint(row),
        row.get("started_at", Instant.class),
        row.get("deadline", Instant.class),
        row.get("kill_requested_at", Instant.class),
        row.get("ended_at", Instant.class));
  }

  private static EndpointRef endpoint(Readable row) {
    return new EndpointRef(row.get("endpoint_id", String.class),
        EndpointKind.valueOf(row.get("endpoint_kind", String.class)), row.get("target", String.class));
  }
}
