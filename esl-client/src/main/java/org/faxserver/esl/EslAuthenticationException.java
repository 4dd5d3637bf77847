package org.faxserver.esl;

/** FreeSWITCH refused the password ({@code -ERR invalid}) or the ACL rejected the connection. */
public class EslAuthenticationException extends EslException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message. */
  public EslAuthenticationException(String message) {
    super(message);
  }
}
