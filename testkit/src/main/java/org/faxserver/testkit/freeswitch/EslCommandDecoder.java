package org.faxserver.testkit.freeswitch;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;

/**
 * mod_event_socket's read_packet: a message ends at two consecutive LFs (CR ignored, leading
 * CR/LF skipped); line 1 is the command, then "Name: value" headers; Content-Length adds a body.
 */
final class EslCommandDecoder extends ByteToMessageDecoder {

    private static final int MAX_HEADER = 10 * 1024 * 1024;
    private static final int MAX_BODY = 16 * 1024 * 1024;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            byte first = in.getByte(in.readerIndex());
            if (first == '\n' || first == '\r') {
                in.skipBytes(1);
                continue;
            }
            int end = headerEnd(in);
            if (end < 0) {
                if (in.readableBytes() > MAX_HEADER) {
                    throw new TooLongFrameException("ESL header block too long");
                }
                return;
            }
            String block = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.UTF_8).replace("\r", "");
            String[] lines = block.split("\n");
            TreeMap<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon), lines[i].substring(colon + 1).stripLeading());
                }
            }
            int bodyLen = 0;
            String cl = headers.get("Content-Length");
            if (cl != null) {
                bodyLen = Integer.parseInt(cl.trim());
                if (bodyLen < 0 || bodyLen > MAX_BODY) {
                    throw new TooLongFrameException("ESL body too long");
                }
            }
            if (in.writerIndex() - (end + 1) < bodyLen) {
                return;
            }
            String body = bodyLen > 0 ? in.toString(end + 1, bodyLen, StandardCharsets.UTF_8) : null;
            in.readerIndex(end + 1 + bodyLen);
            out.add(new EslCommand(lines[0].trim(), headers, body));
        }
    }

    /** Index of the second of two consecutive LFs (CRs in between ignored), or -1. */
    private static int headerEnd(ByteBuf in) {
        int lfs = 0;
        for (int i = in.readerIndex(); i < in.writerIndex(); i++) {
            byte b = in.getByte(i);
            if (b == '\n') {
                if (++lfs == 2) {
                    return i;
                }
            } else if (b != '\r') {
                lfs = 0;
            }
        }
        return -1;
    }
}
