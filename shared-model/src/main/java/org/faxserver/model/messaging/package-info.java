/** Envelope, JSON mapping, exchange and routing-key names: how messages travel. */
package org.faxserver.model.messaging;
