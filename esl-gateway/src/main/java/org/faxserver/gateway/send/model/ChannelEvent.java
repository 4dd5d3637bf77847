package org.faxserver.gateway.send.model;

import java.util.UUID;

/**
 * One FreeSWITCH event as the domain sees it: header lookup by name, case-insensitive, values
 * already URL-decoded. The ESL adapter passes {@code EslEvent::header}; keeping the domain on this
 * one method keeps it free of the transport.
 */
@FunctionalInterface
public interface ChannelEvent {

  /** The first value of a header, or null if absent. */
  String header(String name);

  /** {@code Event-Name}, e.g. CHANNEL_HANGUP_COMPLETE or CUSTOM. */
  default String name() {
    return header("Event-Name");
  }

  /** {@code Event-Subclass} of CUSTOM events, e.g. spandsp::txfaxresult. */
  default String subclass() {
    return header("Event-Subclass");
  }

  /** A UUID as FreeSWITCH writes it (white space around it allowed), or null if absent or malformed. */
  static UUID parseUuid(String text) {
    if (text == null) {
      return null;
    }
    try {
      return UUID.fromString(text.strip());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Whether this is the named event, or the CUSTOM event with this subclass. */
  default boolean is(String nameOrSubclass) {
    return nameOrSubclass.equalsIgnoreCase(name()) || nameOrSubclass.equalsIgnoreCase(subclass());
  }
}
