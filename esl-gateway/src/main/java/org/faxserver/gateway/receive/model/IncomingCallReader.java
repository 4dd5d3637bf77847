package org.faxserver.gateway.receive.model;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.faxserver.gateway.send.model.ChannelEvent;
import org.faxserver.model.InvalidPhoneNumberException;
import org.faxserver.model.PhoneNumber;

/**
 * Reads an {@link IncomingCall} from the CHANNEL_DATA of the {@code connect} reply:
 *
 * <ul>
 *   <li>recipient: {@code variable_sip_to_user} (else {@code Caller-Destination-Number}); with
 *       {@code recipient_from_diversion_header}, the number of the Diversion header
 *       ({@code variable_sip_h_Diversion}) when there is one. Unlike the seed's {@code sip:(\d+)@},
 *       a leading {@code +} is accepted, and {@code tel:} URIs too;
 *   <li>caller: {@code Caller-Caller-ID-Number} (else {@code Channel-Caller-ID-Number},
 *       {@code variable_sip_from_user});
 *   <li>source: {@code variable_sip_network_ip} and {@code variable_sip_gateway} (else
 *       {@code variable_sofia_profile_name}).
 * </ul>
 *
 * Numbers go through {@link PhoneNumber#parse} with the default region; one that does not parse is
 * null (a caller) or makes the call unroutable (the recipient: 404), never an exception.
 */
public final class IncomingCallReader {

  private static final Pattern DIVERSION_URI =
      Pattern.compile("(?:sips?|tel):(\\+?[0-9][0-9().\\-]*)", Pattern.CASE_INSENSITIVE);

  private final boolean recipientFromDiversion;
  private final String defaultRegion;

  public IncomingCallReader(boolean recipientFromDiversion, String defaultRegion) {
    this.recipientFromDiversion = recipientFromDiversion;
    this.defaultRegion = Objects.requireNonNull(defaultRegion, "defaultRegion");
  }

  /** Returns the call, or empty when the channel data carries no usable {@code Unique-ID}. */
  public Optional<IncomingCall> read(ChannelEvent data) {
    UUID callId = ChannelEvent.parseUuid(data.header("Unique-ID"));
    if (callId == null) {
      return Optional.empty();
    }
    PhoneNumber diversion = diversionNumber(data.header("variable_sip_h_Diversion"));
    String toUser = first(data, "variable_sip_to_user", "Caller-Destination-Number");
    String recipientText = toUser;
    PhoneNumber recipient = number(toUser);
    if (recipientFromDiversion && data.header("variable_sip_h_Diversion") != null) {
      recipientText = data.header("variable_sip_h_Diversion");
      recipient = diversion;
    }
    String callerText = first(data, "Caller-Caller-ID-Number", "Channel-Caller-ID-Number", "variable_sip_from_user");
    return Optional.of(new IncomingCall(callId, number(callerText),
        blankToNull(first(data, "Caller-Caller-ID-Name", "Channel-Caller-ID-Name")), recipient, recipientText,
        diversion, blankToNull(data.header("variable_sip_network_ip")),
        blankToNull(first(data, "variable_sip_gateway", "variable_sofia_profile_name"))));
  }

  /** The first number of a Diversion header value, e.g. {@code <sip:+15550001@carrier>;reason=...}. */
  PhoneNumber diversionNumber(String header) {
    if (header == null) {
      return null;
    }
    Matcher m = DIVERSION_URI.matcher(header);
    return m.find() ? number(m.group(1)) : null;
  }

  private PhoneNumber number(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return PhoneNumber.parse(text, defaultRegion);
    } catch (InvalidPhoneNumberException e) {
      return null;
    }
  }

  private static String first(ChannelEvent data, String... names) {
    for (String name : names) {
      String v = data.header(name);
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
