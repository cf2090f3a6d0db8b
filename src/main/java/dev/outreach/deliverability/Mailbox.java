package dev.outreach.deliverability;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A mailbox as admins see it: never a password, only whether one is stored.
 *
 * @param domainPaused whether its sending domain is paused (then it does not send either)
 * @param warmupDay today's warm-up day, 1 on the start date; null once warmed up
 * @param capToday what it may send today: the warm-up ramp, at most {@code dailyCap}
 */
public record Mailbox(long id, String address, String displayName, long domainId, String domain, boolean domainPaused,
        Server smtp, Server imap, int dailyCap, int warmupStartVolume, int warmupDailyIncrease,
        LocalDate warmupStartedOn, Integer warmupDay, int capToday, boolean paused, String pausedReason,
        Instant pausedAt, boolean pausedByHealth) {

    /** One server of the mailbox; {@code host} is null for an IMAP server that is not set up. */
    public record Server(String host, Integer port, ConnectionSecurity security, String username, boolean passwordStored) {

        public boolean configured() {
            return host != null && !host.isBlank();
        }
    }

    /** ACTIVE or PAUSED: the mailbox's own state, whatever its domain's. */
    public String status() {
        return paused ? "PAUSED" : "ACTIVE";
    }

    public Warmup warmup() {
        return new Warmup(dailyCap, warmupStartVolume, warmupDailyIncrease, warmupStartedOn);
    }
}
