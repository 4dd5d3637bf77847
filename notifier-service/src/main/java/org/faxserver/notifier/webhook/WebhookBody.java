package org.faxserver.notifier.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.faxserver.model.messaging.MessageJson;
import org.faxserver.notifier.channel.Attachment;
import org.faxserver.notifier.delivery.model.DeliveryTask;
import org.faxserver.notifier.delivery.model.FaxNotice;

/**
 * The bytes posted to a webhook. JSON style: the event with files inline as base64
 * ({@code files: [{name, content_type, content_base64}]}). Multipart style: part {@code event}
 * (the same JSON without files) and one file part per attachment ({@code document}, {@code report}).
 */
public final class WebhookBody {

  private static final ObjectMapper JSON = MessageJson.newObjectMapper();

  /** Body and its content type. */
  public record Encoded(byte[] bytes, String contentType) {}

  private WebhookBody() {}

  public static Encoded encode(DeliveryTask task, List<Attachment> files, boolean multipart) {
    Map<String, Object> event = event(task);
    if (!multipart) {
      List<Map<String, Object>> inline = new ArrayList<>();
      for (Attachment file : files) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", file.fileName());
        f.put("content_type", file.contentType());
        f.put("content_base64", Base64.getEncoder().encodeToString(file.content()));
        inline.add(f);
      }
      event.put("files", inline);
      return new Encoded(json(event), "application/json");
    }
    String boundary = "fax-" + UUID.randomUUID();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    part(out, boundary, "event", null, "application/json", json(event));
    for (Attachment file : files) {
      String field = file.fileName().startsWith("fax-report-") ? "report" : "document";
      part(out, boundary, field, file.fileName(), file.contentType(), file.content());
    }
    out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return new Encoded(out.toByteArray(), "multipart/form-data; boundary=" + boundary);
  }

  static Map<String, Object> event(DeliveryTask task) {
    FaxNotice n = task.notice();
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event_id", task.id());
    e.put("event", n.event().wireName());
    e.put("occurred_at", n.occurredAt());
    e.put("job_id", n.jobId());
    if (task.attemptId() != null) {
      e.put("attempt_id", task.attemptId());
    }
    e.put("tenant_id", n.tenantId());
    e.put("from", n.from() == null ? null : n.from().e164());
    e.put("to", n.to() == null ? null : n.to().e164());
    e.put("pages", n.pages());
    e.put("success", n.success());
    e.put("status", n.status());
    e.put("reason", n.reason());
    e.put("remote_csid", n.remoteCsid());
    e.put("labels", n.labels());
    List<Map<String, Object>> attempts = new ArrayList<>();
    for (FaxNotice.AttemptLine a : n.attempts()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("number", a.number());
      m.put("endpoint", a.endpoint());
      m.put("started_at", a.startedAt());
      m.put("ended_at", a.endedAt());
      m.put("success", a.success());
      m.put("pages", a.pages());
      m.put("bit_rate", a.bitRate());
      m.put("remote_csid", a.remoteCsid());
      m.put("result", a.result());
      attempts.add(m);
    }
    e.put("attempts", attempts);
    return e;
  }

  private static byte[] json(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write webhook JSON", e);
    }
  }

  private static void part(ByteArrayOutputStream out, String boundary, String name, String fileName,
      String contentType, byte[] content) {
    StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
        .append("Content-Disposition: form-data; name=\"").append(name).append('"');
    if (fileName != null) {
      head.append("; filename=\"").append(fileName.replace("\"", "")).append('"');
    }
    head.append("\r\nContent-Type: ").append(contentType).append("\r\n\r\n");
    out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
  }
}
