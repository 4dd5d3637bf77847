package org.faxserver.esl.codec;

import io.netty.handler.codec.DecoderException;

/**
 * Why a frame failed to decode. Carried as the cause of a failed
 * {@link org.faxserver.esl.EslFrame#decoderResult()}; never thrown out of the pipeline.
 *
 * <p>A {@linkplain #isFatal() fatal} failure means the byte stream itself is broken (a header
 * line without a colon, a bad or oversized {@code Content-Length}, a header block over the limit):
 * frame boundaries are lost, the decoder discards everything after it and the connection must be
 * closed. A non-fatal failure means one frame was framed correctly but its event body could not be
 * parsed; the next frame decodes normally.
 */
public class EslDecoderException extends DecoderException {
  private static final long serialVersionUID = 1L;
  private final boolean fatal;

  /** Creates an exception. */
  public EslDecoderException(String message, boolean fatal) {
    super(message);
    this.fatal = fatal;
  }

  /** Creates an exception with a cause. */
  public EslDecoderException(String message, boolean fatal, Throwable cause) {
    super(message, cause);
    this.fatal = fatal;
  }

  /** Returns {@code true} if framing is lost and the connection has to be closed. */
  public boolean isFatal() {
    return fatal;
  }
}
