/** Job messages: submission, routing (delivery plans), status changes and completion. */
package org.faxserver.model.job;
