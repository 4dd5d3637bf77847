/** Commands and results for delivering a fax document to webhook and email endpoints. */
package org.faxserver.model.delivery;
