package org.faxserver.esl.codec;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.faxserver.esl.EslFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits right after {@link EslFrameDecoder}: closes the connection when a frame failed fatally
 * (framing lost, garbage on the socket) and passes every other frame on, including non-fatal
 * failures, which the protocol handlers need to keep their reply queue in step.
 *
 * <p>Stateless and sharable.
 */
@ChannelHandler.Sharable
public final class EslDecodeFailureHandler extends ChannelInboundHandlerAdapter {

  /** The shared instance. */
  public static final EslDecodeFailureHandler INSTANCE = new EslDecodeFailureHandler();

  private static final Logger log = LoggerFactory.getLogger(EslDecodeFailureHandler.class);

  private EslDecodeFailureHandler() {}

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof EslFrame frame && frame.decoderResult().isFailure()
        && frame.decoderResult().cause() instanceof EslDecoderException e && e.isFatal()) {
      log.error("Closing ESL connection {}: {}", ctx.channel().remoteAddress(), e.getMessage());
      ctx.close();
      return;
    }
    ctx.fireChannelRead(msg);
  }
}
