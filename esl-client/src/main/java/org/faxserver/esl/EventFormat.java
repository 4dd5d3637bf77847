package org.faxserver.esl;

/** Serialization requested with {@code event <format> ...}; both are fully parsed. */
public enum EventFormat {
  /** {@code text/event-plain}: URL-encoded header lines (FreeSWITCH's default, the cheapest to parse). */
  PLAIN("plain"),
  /** {@code text/event-json}: one flat JSON object of strings. */
  JSON("json");

  private final String keyword;

  EventFormat(String keyword) {
    this.keyword = keyword;
  }

  /** Returns the keyword used on the wire. */
  public String keyword() {
    return keyword;
  }
}
