package org.faxserver.testkit.freeswitch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One FreeSWITCH event: ordered headers (duplicates allowed, as CHANNEL_HANGUP_COMPLETE's two
 * {@code Hangup-Cause}) plus an optional body, with the plain and JSON serializations of
 * switch_event_serialize / switch_event_serialize_json.
 */
final class EslEvent {

    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private String body;

    /** Adds a header at the bottom; FreeSWITCH never sends empty values, so those are dropped. */
    public EslEvent add(String name, Object value) {
        if (value != null && !value.toString().isEmpty()) {
            headers.add(Map.entry(name, value.toString()));
        }
        return this;
    }

    /** Replaces the value of the first header with this name (or adds it). */
    EslEvent set(String name, String value) {
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).getKey().equalsIgnoreCase(name)) {
                headers.set(i, Map.entry(headers.get(i).getKey(), value));
                return this;
            }
        }
        return add(name, value);
    }

    EslEvent body(String text) {
        this.body = text;
        return this;
    }

    /** The body (e.g. BACKGROUND_JOB output), or null. */
    public String body() {
        return body;
    }

    /** The first value of a header (case-insensitive), or null. */
    public String header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** All headers in wire order. */
    public List<Map.Entry<String, String>> headers() {
        return Collections.unmodifiableList(headers);
    }

    /** The Event-Name header. */
    public String name() {
        return header("Event-Name");
    }

    /** The plain serialization (header lines, URL-encoded values, inner Content-Length + body). */
    public String plain() {
        StringBuilder sb = new StringBuilder(4096);
        for (Map.Entry<String, String> h : headers) {
            sb.append(h.getKey()).append(": ").append(EslEncoding.urlEncode(h.getValue())).append('\n');
        }
        if (body != null) {
            sb.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\n\n").append(body);
        } else {
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The compact JSON serialization (string values, raw, duplicate keys kept). */
    public String json() {
        StringBuilder sb = new StringBuilder(4096).append('{');
        for (Map.Entry<String, String> h : headers) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(EslEncoding.jsonString(h.getKey())).append(':').append(EslEncoding.jsonString(h.getValue()));
        }
        if (body != null) {
            sb.append(",\"Content-Length\":\"").append(body.getBytes(StandardCharsets.UTF_8).length).append("\",\"_body\":")
                    .append(EslEncoding.jsonString(body));
        }
        return sb.append('}').toString();
    }

    /** The complete frame as written to the socket, in the given format ("plain" or "json"). */
    byte[] frame(String format) {
        boolean json = "json".equals(format);
        byte[] payload = (json ? json() : plain()).getBytes(StandardCharsets.UTF_8);
        String head = "Content-Length: " + payload.length + "\nContent-Type: text/event-" + (json ? "json" : "plain") + "\n\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[h.length + payload.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(payload, 0, out, h.length, payload.length);
        return out;
    }

    @Override
    public String toString() {
        return "EslEvent" + headers;
    }
}
