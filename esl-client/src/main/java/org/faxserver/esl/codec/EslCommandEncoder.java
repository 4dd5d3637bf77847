package org.faxserver.esl.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import org.faxserver.esl.EslCommand;
import org.faxserver.esl.EslHeaders;

/**
 * Encodes {@link EslCommand}s: {@code line\n}, {@code Name: value\n} per header, then, if there is
 * a body, {@code content-length: n\n}; then the empty line and the body. FreeSWITCH reads a
 * command up to the first {@code \n\n} and then exactly {@code content-length} bytes.
 *
 * <p>Stateless and sharable.
 */
@ChannelHandler.Sharable
public final class EslCommandEncoder extends MessageToByteEncoder<EslCommand> {

  /** The shared instance. */
  public static final EslCommandEncoder INSTANCE = new EslCommandEncoder();

  private EslCommandEncoder() {
    super(EslCommand.class);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, EslCommand cmd, ByteBuf out) {
    encode(cmd, out);
  }

  /** Writes the wire form of {@code cmd} to {@code out}; usable without a channel. */
  public static void encode(EslCommand cmd, ByteBuf out) {
    ByteBufUtil.writeUtf8(out, cmd.line());
    out.writeByte('\n');
    EslHeaders h = cmd.headers();
    for (int i = 0; i < h.size(); i++) {
      ByteBufUtil.writeUtf8(out, h.name(i));
      out.writeByte(':').writeByte(' ');
      ByteBufUtil.writeUtf8(out, h.value(i));
      out.writeByte('\n');
    }
    if (cmd.bodyLength() >= 0) {
      ByteBufUtil.writeAscii(out, "content-length: " + cmd.bodyLength());
      out.writeByte('\n');
    }
    out.writeByte('\n');
    cmd.copyBodyTo(out);
  }
}
