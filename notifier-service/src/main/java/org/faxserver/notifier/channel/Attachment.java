package org.faxserver.notifier.channel;

/** A file sent with a notice. */
public record Attachment(String fileName, String contentType, byte[] content) {}
