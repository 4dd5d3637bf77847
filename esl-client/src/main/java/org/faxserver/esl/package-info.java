/** FreeSWITCH Event Socket library on Netty 4. No Spring, no AMQP. */
package org.faxserver.esl;
