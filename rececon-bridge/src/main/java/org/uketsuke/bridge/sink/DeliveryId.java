package org.uketsuke.bridge.sink;

/** The outbox row of a confirmation. */
public record DeliveryId(long value) {}
