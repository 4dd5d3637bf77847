/**
 * Message records, routing names and value types shared by all faxserver services. No Spring.
 *
 * <p>Here: {@link org.faxserver.model.PhoneNumber} (E.164) and {@link org.faxserver.model.DocumentRef}.
 * Sub-packages: {@code messaging} (envelope, JSON, exchange and routing-key names), {@code fax} (fax
 * results and telephony enums), {@code job}, {@code attempt}, {@code inbound}, {@code delivery} and
 * {@code directory} (the message payloads of DESIGN.md §3, grouped by flow), and {@code net} (IP addresses and
 * CIDR blocks parsed from literals, never looked up).
 */
package org.faxserver.model;
