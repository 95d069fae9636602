package org.uketsuke.bridge.exchange;

import java.time.Instant;

/**
 * The last thing that went wrong in a folder exchange, for the staff console's status line: when, which request file
 * (or the polling thread), and the diagnostic. Polling goes on regardless.
 */
public record FolderProblem(Instant at, String file, String diagnostic) {}
