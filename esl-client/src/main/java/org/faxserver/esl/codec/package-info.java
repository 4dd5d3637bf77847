/**
 * The ESL wire codec, shaped like Netty's codec-stomp.
 *
 * <p>Pipeline stages, in order (names as used by the client and server):
 * {@code frameDecoder} ({@link org.faxserver.esl.codec.EslFrameDecoder}: bytes to
 * {@link org.faxserver.esl.EslFrame}, with explicit header and body size limits and failed decode
 * results instead of exceptions), {@code decodeFailures}
 * ({@link org.faxserver.esl.codec.EslDecodeFailureHandler}: closes the connection on garbage), and
 * {@code commandEncoder} ({@link org.faxserver.esl.codec.EslCommandEncoder}:
 * {@link org.faxserver.esl.EslCommand} to bytes). Event bodies are parsed by
 * {@link org.faxserver.esl.codec.EslEventParser} with the strict
 * {@link org.faxserver.esl.codec.PercentDecoder}.
 */
package org.faxserver.esl.codec;
