package org.uketsuke.bridge;

/** The outbox row of a confirmation. */
public record DeliveryId(long value) {}
