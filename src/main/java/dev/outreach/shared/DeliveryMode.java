package dev.outreach.shared;

/** SANDBOX delivers every channel into the application itself; LIVE reaches real people. */
public enum DeliveryMode {
    SANDBOX,
    LIVE
}
