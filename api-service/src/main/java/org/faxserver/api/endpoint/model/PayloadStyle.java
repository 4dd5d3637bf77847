package org.faxserver.api.endpoint.model;

/** How a webhook receives a fax: JSON with the document base64-encoded (the seed's style), or multipart. */
public enum PayloadStyle { JSON, MULTIPART }
