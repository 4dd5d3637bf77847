package org.faxserver.esl;

/** FreeSWITCH answered a command with {@code -ERR ...}; {@link #replyText()} holds the text. */
public class EslCommandException extends EslException {
  private static final long serialVersionUID = 1L;
  private final String replyText;

  /** Creates an exception for a rejected command. */
  public EslCommandException(String command, String replyText) {
    super("'" + command + "' failed: " + replyText);
    this.replyText = replyText;
  }

  /** Returns the {@code Reply-Text} FreeSWITCH sent, for example {@code -ERR invalid session id}. */
  public String replyText() {
    return replyText;
  }
}
