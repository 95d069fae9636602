package org.uketsuke.bridge.exchange;

/** The outcome of one pass over {@code req}: requests answered, refused with an {@code .err}, left for the next pass. */
public record FolderPass(int answered, int refused, int deferred) {}
