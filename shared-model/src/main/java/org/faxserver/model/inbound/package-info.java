/** Messages of an incoming call: the accept/reject question and the received fax. */
package org.faxserver.model.inbound;
