/**
 * A FreeSWITCH stand-in for tests (FreeSWITCH 1.10.12 + mod_spandsp as seen in the captures
 * under {@code shared/esl-captures}): it speaks mod_event_socket's exact ESL bytes and runs faxes
 * through the real spandsp T.30 engine.
 *
 * <h2>What it does</h2>
 * <ul>
 *   <li>Inbound Event Socket: {@code auth}, {@code api}, {@code bgapi} (client {@code Job-UUID}
 *       honoured, BACKGROUND_JOB with inner body), {@code event plain|json} incl. {@code CUSTOM
 *       spandsp::*}, {@code filter}, {@code nixevent}, {@code noevents}, {@code myevents},
 *       {@code sendmsg}, {@code linger}, {@code exit}, {@code log}; FreeSWITCH's reply texts.</li>
 *   <li>api: {@code originate} (with {@code {vars}}, {@code \,}, {@code &txfax(file)}),
 *       {@code uuid_kill}, {@code uuid_exists}, {@code uuid_getvar}, {@code show channels},
 *       {@code status}, {@code sofia status [gateway <name>]}, {@code db ...} (mod_db).</li>
 *   <li>Outbound calls: CHANNEL_* and {@code spandsp::txfax*} events in capture order; the far end
 *       is chosen per number with {@link org.faxserver.testkit.freeswitch.Scenario}.</li>
 *   <li>Inbound calls ({@link org.faxserver.testkit.freeswitch.FreeSwitchStandIn#dialInbound}): the
 *       stand-in dials the app's outbound-socket server like {@code socket host:port async full}
 *       and executes answer/set/ring_ready/sleep/playback/respond/rxfax/hangup.</li>
 *   <li>{@code sofia/gateway/loopback/<n>}: the call comes back as an inbound call; the A leg's
 *       txfax and the B leg's rxfax are the two ends of one real T.30 call.</li>
 *   <li>{@link org.faxserver.testkit.freeswitch.Scenario#scripted}: no engine, timers only, for
 *       thousands of concurrent calls.</li>
 * </ul>
 *
 * <h2>Native helper</h2>
 * {@code src/main/c/faxsim.c} ships inside the jar and is compiled on first use by
 * {@link org.faxserver.testkit.freeswitch.FaxSimBinary} ({@code gcc ... -lspandsp -ltiff -lm}).
 * Debian packages: {@code gcc libspandsp-dev} (pulls {@code libtiff-dev}). Test documents are
 * written with the JDK ({@link org.faxserver.testkit.freeswitch.TestFaxDocuments}); no ghostscript.
 *
 * <h2>Known differences from FreeSWITCH</h2>
 * spandsp 0.0.6 (Debian) instead of 3.0: pages are sent as T.6/T.4 instead of T.85 (JBIG), so
 * {@code fax-encoding} is 8/4 rather than 32. Event format {@code xml} is answered but serialized
 * as plain. Only channel variables a fax client reads are set (not every SIP/RTP variable).
 *
 * <pre>{@code
 * try (FreeSwitchStandIn fs = FreeSwitchStandIn.start(StandInConfig.defaults()
 *         .withOutboundSocket(new InetSocketAddress("127.0.0.1", 8084)))) {
 *     fs.scenario("15550001", Scenario.busy());
 *     // point the ESL client at fs.host():fs.port(), password fs.password()
 * }
 * }</pre>
 */
package org.faxserver.testkit.freeswitch;
