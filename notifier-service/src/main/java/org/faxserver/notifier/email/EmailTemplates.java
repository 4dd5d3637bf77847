package org.faxserver.notifier.email;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.faxserver.model.PhoneNumber;
import org.faxserver.notifier.delivery.model.FaxNotice;
import org.faxserver.notifier.delivery.model.NoticeEvent;

/**
 * Subject and body per notice event, with placeholders {@code {job_id} {tenant_id} {from} {to}
 * {pages} {status} {result} {reason} {remote_csid} {date} {attempts} {event}}. Defaults below;
 * each can be replaced in configuration ({@code faxserver.notifier.email.templates.<event>.subject}).
 */
public final class EmailTemplates {

  /** One event's subject and body. */
  public record Pair(Template subject, Template body) {}

  private final Map<NoticeEvent, Pair> templates;
  private final ZoneId zone;

  public EmailTemplates(Map<NoticeEvent, Pair> overrides, ZoneId zone) {
    this.templates = new EnumMap<>(defaults());
    if (overrides != null) {
      overrides.forEach((event, pair) -> {
        Pair base = templates.get(event);
        templates.put(event, new Pair(
            pair.subject() == null ? base.subject() : pair.subject(),
            pair.body() == null ? base.body() : pair.body()));
      });
    }
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  public static Map<NoticeEvent, Pair> defaults() {
    Map<NoticeEvent, Pair> d = new EnumMap<>(NoticeEvent.class);
    d.put(NoticeEvent.DOCUMENT, pair("Fax from {from} to {to} ({pages} pages)",
        "A fax of {pages} page(s) from {from} to {to} arrived on {date}. It is attached as PDF.\n\nJob: {job_id}\n"));
    d.put(NoticeEvent.SENT, pair("Fax to {to} sent ({pages} pages)",
        "Your fax to {to} was sent on {date}: {pages} page(s), remote station {remote_csid}.\n"
            + "Attempts: {attempts}. The transmission report is attached.\n\nJob: {job_id}\n"));
    d.put(NoticeEvent.SEND_FAILED, pair("Fax to {to} failed",
        "Your fax to {to} could not be sent ({status}): {reason}.\nAttempts: {attempts}. "
            + "The transmission report is attached.\n\nJob: {job_id}\n"));
    d.put(NoticeEvent.RECEIVED, pair("Fax received from {from} ({pages} pages)",
        "A fax from {from} to {to} was received on {date} and delivered.\n\nJob: {job_id}\n"));
    d.put(NoticeEvent.RECEIVED_UNDELIVERED, pair("Fax received from {from} could not be delivered",
        "A fax from {from} to {to} was received on {date} but could not be delivered: {reason}.\n\nJob: {job_id}\n"));
    d.put(NoticeEvent.RECEPTION_FAILED, pair("Fax reception from {from} failed",
        "A fax call from {from} to {to} on {date} failed: {reason} ({pages} page(s) received).\n\nCall: {job_id}\n"));
    return d;
  }

  private static Pair pair(String subject, String body) {
    return new Pair(new Template(subject), new Template(body));
  }

  public String subject(FaxNotice notice) {
    return templates.get(notice.event()).subject().render(values(notice)).replaceAll("[\r\n]+", " ");
  }

  public String body(FaxNotice notice) {
    return templates.get(notice.event()).body().render(values(notice));
  }

  Map<String, String> values(FaxNotice n) {
    Map<String, String> v = new HashMap<>();
    v.put("event", n.event().wireName());
    v.put("job_id", n.jobId().toString());
    v.put("tenant_id", n.tenantId());
    v.put("from", number(n.from()));
    v.put("to", number(n.to()));
    v.put("pages", Integer.toString(n.pages()));
    v.put("status", n.status() == null ? "" : n.status());
    v.put("result", n.success() ? "OK" : "FAILED");
    v.put("reason", n.reason() == null ? "-" : n.reason());
    v.put("remote_csid", n.remoteCsid() == null ? "-" : n.remoteCsid());
    v.put("date", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z").format(n.occurredAt().atZone(zone)));
    v.put("attempts", Integer.toString(n.attempts().size()));
    return v;
  }

  private static String number(PhoneNumber number) {
    return number == null ? "unknown" : number.e164();
  }
}
