package org.faxserver.esl;

/**
 * Why and how an {@link OutboundSession} ended.
 *
 * @param reason what ended it
 * @param hangupCause {@code Hangup-Cause} of the last CHANNEL_HANGUP(_COMPLETE) seen, or {@code null}
 * @param notice the disconnect notice frame, or {@code null} if the socket just closed
 */
public record SessionEnd(Reason reason, String hangupCause, EslFrame notice) {

  /** What ended a session. */
  public enum Reason {
    /**
     * The channel hung up while {@code linger} was on: FreeSWITCH sent the linger notice. Late
     * events may still follow until the socket closes; {@link OutboundSession#close()} ends it early.
     */
    HANGUP_LINGER,
    /** FreeSWITCH sent {@code Content-Disposition: disconnect} (no linger, or linger time over). */
    DISCONNECT_NOTICE,
    /** The socket closed without a notice. */
    CONNECTION_CLOSED,
    /** We closed the session. */
    CLOSED_LOCALLY
  }
}
