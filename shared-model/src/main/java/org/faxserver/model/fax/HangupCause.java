package org.faxserver.model.fax;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Hangup causes as FreeSWITCH names them ({@code Hangup-Cause} header, {@code -ERR <CAUSE>} of a
 * failed originate), with FreeSWITCH's numbers from {@code switch_call_cause_t}. Values 1–127 are the
 * ITU-T Q.850 cause values; higher ones are FreeSWITCH's own (e.g. 487 ORIGINATOR_CANCEL).
 *
 * <p>Newer FreeSWITCH versions add causes; anything not listed reads as {@link #UNKNOWN} rather than
 * failing, both in {@link #fromFreeSwitch(String)} and when reading JSON.
 */
public enum HangupCause {
  NONE(0),
  UNALLOCATED_NUMBER(1),
  NO_ROUTE_TRANSIT_NET(2),
  NO_ROUTE_DESTINATION(3),
  CHANNEL_UNACCEPTABLE(6),
  CALL_AWARDED_DELIVERED(7),
  NORMAL_CLEARING(16),
  USER_BUSY(17),
  NO_USER_RESPONSE(18),
  NO_ANSWER(19),
  SUBSCRIBER_ABSENT(20),
  CALL_REJECTED(21),
  NUMBER_CHANGED(22),
  REDIRECTION_TO_NEW_DESTINATION(23),
  EXCHANGE_ROUTING_ERROR(25),
  DESTINATION_OUT_OF_ORDER(27),
  INVALID_NUMBER_FORMAT(28),
  FACILITY_REJECTED(29),
  RESPONSE_TO_STATUS_ENQUIRY(30),
  NORMAL_UNSPECIFIED(31),
  NORMAL_CIRCUIT_CONGESTION(34),
  NETWORK_OUT_OF_ORDER(38),
  NORMAL_TEMPORARY_FAILURE(41),
  SWITCH_CONGESTION(42),
  ACCESS_INFO_DISCARDED(43),
  REQUESTED_CHAN_UNAVAIL(44),
  PRE_EMPTED(45),
  FACILITY_NOT_SUBSCRIBED(50),
  OUTGOING_CALL_BARRED(52),
  INCOMING_CALL_BARRED(54),
  BEARERCAPABILITY_NOTAUTH(57),
  BEARERCAPABILITY_NOTAVAIL(58),
  SERVICE_UNAVAILABLE(63),
  BEARERCAPABILITY_NOTIMPL(65),
  CHAN_NOT_IMPLEMENTED(66),
  FACILITY_NOT_IMPLEMENTED(69),
  SERVICE_NOT_IMPLEMENTED(79),
  INVALID_CALL_REFERENCE(81),
  INCOMPATIBLE_DESTINATION(88),
  INVALID_MSG_UNSPECIFIED(95),
  MANDATORY_IE_MISSING(96),
  MESSAGE_TYPE_NONEXIST(97),
  WRONG_MESSAGE(98),
  IE_NONEXIST(99),
  INVALID_IE_CONTENTS(100),
  WRONG_CALL_STATE(101),
  RECOVERY_ON_TIMER_EXPIRE(102),
  MANDATORY_IE_LENGTH_ERROR(103),
  PROTOCOL_ERROR(111),
  INTERWORKING(127),
  SUCCESS(142),
  ORIGINATOR_CANCEL(487),
  CRASH(500),
  SYSTEM_SHUTDOWN(501),
  LOSE_RACE(502),
  MANAGER_REQUEST(503),
  BLIND_TRANSFER(600),
  ATTENDED_TRANSFER(601),
  ALLOTTED_TIMEOUT(602),
  USER_CHALLENGE(603),
  MEDIA_TIMEOUT(604),
  PICKED_OFF(605),
  USER_NOT_REGISTERED(606),
  PROGRESS_TIMEOUT(607),
  INVALID_GATEWAY(608),
  GATEWAY_DOWN(609),
  INVALID_URL(610),
  INVALID_PROFILE(611),
  NO_PICKUP(612),
  SRTP_READ_ERROR(613),
  /** A cause this enum does not list, or none given. */
  @JsonEnumDefaultValue
  UNKNOWN(-1);

  private static final Map<String, HangupCause> BY_NAME = new HashMap<>();

  static {
    for (HangupCause cause : values()) {
      BY_NAME.put(cause.name(), cause);
    }
  }

  private final int code;

  HangupCause(int code) {
    this.code = code;
  }

  /**
   * Reads a FreeSWITCH cause name leniently: case and surrounding blanks are ignored, and unknown,
   * empty or null text gives {@link #UNKNOWN}. Never throws, since a hangup cause must never break
   * event handling.
   */
  public static HangupCause fromFreeSwitch(String name) {
    if (name == null) {
      return UNKNOWN;
    }
    return BY_NAME.getOrDefault(name.strip().toUpperCase(Locale.ROOT), UNKNOWN);
  }

  /** The cause for a numeric value (Q.850 or FreeSWITCH's own), or {@link #UNKNOWN}. */
  public static HangupCause fromCode(int code) {
    for (HangupCause cause : values()) {
      if (cause.code == code) {
        return cause;
      }
    }
    return UNKNOWN;
  }

  /** Q.850 cause value (1–127) or FreeSWITCH's own number above that; -1 for {@link #UNKNOWN}. */
  public int code() {
    return code;
  }

  /** Whether {@link #code()} is a standard Q.850 cause value rather than a FreeSWITCH-internal one. */
  public boolean isQ850() {
    return code >= 1 && code <= 127;
  }
}
