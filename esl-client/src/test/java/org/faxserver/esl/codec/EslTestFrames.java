package org.faxserver.esl.codec;

import java.nio.charset.StandardCharsets;

/**
 * Golden frames for frame types or shapes the captures lack, rebuilt byte for byte from the
 * protocol reference (§1.2, §1.5, §1.12). Captured frames are read from the capture files instead.
 */
final class EslTestFrames {

  private EslTestFrames() {}

  /** ACL rejection (mod_event_socket l.2685); FreeSWITCH closes right after it. */
  static final String RUDE_REJECTION =
      "Content-Type: text/rude-rejection\nContent-Length: 24\n\nAccess Denied, go away.\n";

  /** log/data as built at l.1382; the header order differs from the capture on purpose. */
  static final String LOG_TEXT = "line one\n\nline three\n";
  static final String LOG_DATA =
      "Content-Type: log/data\nContent-Length: " + LOG_TEXT.length() + "\nLog-Level: 7\nText-Channel: 3\n"
          + "Log-File: switch_core.c\nLog-Func: go\nLog-Line: 42\nUser-Data: \n\n" + LOG_TEXT;

  /** api/response whose body has blank lines in the middle; a line-splitting decoder loses them. */
  static final String API_BLANK_BODY = "line1\n\nline3\n\n\nx";
  static final String API_BLANK_LINES =
      "Content-Type: api/response\nContent-Length: " + API_BLANK_BODY.length() + "\n\n" + API_BLANK_BODY;

  /** Reference §1.12 BACKGROUND_JOB, with the notes' {@code Job-Owner-UUID: _undef_} and a blank line in the body. */
  static final String BACKGROUND_JOB_BODY = "+OK 0a1b\n\nsecond\n";
  static final String BACKGROUND_JOB_EVENT =
      "Event-Name: BACKGROUND_JOB\nCore-UUID: 51f379f1\nEvent-Sequence: 4711\nJob-UUID: 5c2e\n"
          + "Job-Owner-UUID: _undef_\nJob-Command: originate\n"
          + "Job-Command-Arg: %7Borigination_uuid%3D0a1b%7Dsofia/gateway/gw1/15551234%20%26txfax(/var/spool/fax/out/a.tif)\n"
          + "Content-Length: " + BACKGROUND_JOB_BODY.length() + "\n\n" + BACKGROUND_JOB_BODY;
  static final String BACKGROUND_JOB = eventPlain(BACKGROUND_JOB_EVENT);

  /** A JSON event with a multi-valued header (array), a body and a duplicate key. */
  static final String JSON_EVENT_BODY =
      "{\"Event-Name\":\"CUSTOM\",\"Event-Subclass\":\"spandsp::txfaxresult\",\"Hangup-Cause\":\"A\","
          + "\"Hangup-Cause\":\"B\",\"multi\":[\"v1\",\"v2\"],\"Content-Length\":\"4\",\"_body\":\"a\\nb\\n\"}";
  static final String JSON_EVENT =
      "Content-Length: " + JSON_EVENT_BODY.length() + "\nContent-Type: text/event-json\n\n" + JSON_EVENT_BODY;

  /** A plain event whose values use UTF-8 percent escapes (é = %C3%A9) and a literal '+'. */
  static final String UTF8_EVENT = eventPlain(
      "Event-Name: CUSTOM\nEvent-Subclass: spandsp%3A%3Arxfaxresult\nCaller-Caller-ID-Name: Ren%C3%A9%20M+ller\n\n");

  /** userauth reply: raw headers after Content-Type (l.1946). */
  static final String USERAUTH_REPLY = "Content-Type: command/reply\nReply-Text: +OK accepted\n"
      + "Allowed-Events: ALL\nAllowed-API: ALL\nAllowed-LOG: true\n\n";

  static String eventPlain(String serialized) {
    return "Content-Length: " + serialized.getBytes(StandardCharsets.UTF_8).length
        + "\nContent-Type: text/event-plain\n\n" + serialized;
  }
}
