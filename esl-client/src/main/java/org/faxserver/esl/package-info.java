/**
 * FreeSWITCH Event Socket (ESL) library on Netty 4. No Spring, no AMQP (guarded by an ArchUnit test).
 *
 * <h2>Public API</h2>
 * <ul>
 *   <li>{@link org.faxserver.esl.EslInboundClient} (+ {@link org.faxserver.esl.InboundClientConfig}):
 *       connection to FreeSWITCH's port 8021. Auth, {@code api}, {@code bgapi} completed by its
 *       BACKGROUND_JOB, event subscriptions and filters restored after every reconnect, HEARTBEAT and
 *       read-idle liveness, {@link org.faxserver.esl.ConnectionState}, and
 *       {@link org.faxserver.esl.EslConnectionListener}.
 *   <li>{@link org.faxserver.esl.EslOutboundServer} (+ {@link org.faxserver.esl.OutboundServerConfig},
 *       {@link org.faxserver.esl.OutboundSessionHandler}): the endpoint of the dialplan
 *       {@code socket host:port async full}; one {@link org.faxserver.esl.OutboundSession} per call,
 *       with {@code execute(app, arg, eventLock)} completed by CHANNEL_EXECUTE_COMPLETE and
 *       {@link org.faxserver.esl.SessionEnd} on hangup or disconnect. Bind it to the address
 *       FreeSWITCH dials and restrict it with {@code allowedPeers} (empty allows every peer) and
 *       {@code maxSessions}: any peer that connects is believed to be FreeSWITCH.
 *   <li>{@link org.faxserver.esl.EslEvent} (case-insensitive headers, inner body),
 *       {@link org.faxserver.esl.EslFrame}, {@link org.faxserver.esl.EslHeaders},
 *       {@link org.faxserver.esl.EslCommand} (factories for every command used, byte-exact),
 *       {@link org.faxserver.esl.EslEventListener}.
 *   <li>Failures: {@link org.faxserver.esl.EslConnectionException},
 *       {@link org.faxserver.esl.EslCommandException} ({@code -ERR} replies),
 *       {@link org.faxserver.esl.EslAuthenticationException}.
 * </ul>
 *
 * <h2>Threads</h2>
 * Netty event loops do the I/O and never run user code. Every future and listener callback runs
 * on a dispatch executor, serially per connection and in wire order, through a bounded per-connection
 * queue; when it fills up, reading from the socket pauses (FreeSWITCH buffers up to 100 000 events per
 * listener), and only beyond the bound are events dropped and counted. Do not block inside callbacks.
 *
 * <h2>Protocol notes</h2>
 * See {@code /work/shared/reference/esl-and-spandsp.md} §1 and the real captures: header order is
 * not fixed, the outbound connect reply is a URL-encoded CHANNEL_DATA event, CUSTOM events start
 * with {@code Event-Subclass}, CHANNEL_HANGUP_COMPLETE repeats {@code Hangup-Cause}, and any filter
 * hides BACKGROUND_JOB and HEARTBEAT unless they are filtered in too. The codec lives in
 * {@link org.faxserver.esl.codec}.
 */
package org.faxserver.esl;
