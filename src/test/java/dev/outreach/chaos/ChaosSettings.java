package dev.outreach.chaos;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.springframework.boot.convert.DurationStyle;

/**
 * The size and pace of one chaos run, read from {@code chaos.*} system properties over the
 * caller's defaults.
 *
 * @param sends touches to send, {@code touchesPerLead} per lead
 * @param mailboxes sending mailboxes, each an account on the mail server with a sent folder
 * @param instances application processes on the one database and Redis
 * @param senders each instance's senders per batch ({@code outreach.dispatch.parallelism}): the
 *        most messages one instance has in flight at once
 * @param kills SIGKILLs, each of one running instance at a random moment, each followed by a restart
 * @param killEveryMin shortest wait before a kill
 * @param killEveryMax longest wait before a kill
 * @param smtpDelay how long the mail server takes to answer each accepted message
 * @param lease the dispatcher's lease ({@code outreach.dispatch.lease}): how soon a killed
 *        instance's claims are looked at again
 * @param drainTimeout how long to wait, after the last kill, for nothing to be due or claimed
 * @param reconcileWait how long to wait for the engine to resolve what is in doubt
 * @param seed the random moments and victims; the same seed gives the same schedule
 * @param appArgs more {@code --name=value} arguments for every instance
 */
record ChaosSettings(int sends, int touchesPerLead, int mailboxes, int instances, int senders, int kills,
        Duration killEveryMin, Duration killEveryMax, Duration smtpDelay, Duration lease, Duration drainTimeout,
        Duration reconcileWait, long seed, List<String> appArgs) {

    ChaosSettings {
        if (sends < 1 || touchesPerLead < 1 || sends % touchesPerLead != 0) {
            throw new IllegalArgumentException("chaos.sends must be a positive multiple of chaos.touches-per-lead");
        }
        if (instances < 1 || senders < 1 || mailboxes < 1 || kills < 0) {
            throw new IllegalArgumentException("chaos.instances, chaos.senders and chaos.mailboxes must be positive,"
                    + " chaos.kills not negative");
        }
        if (killEveryMax.compareTo(killEveryMin) < 0) {
            throw new IllegalArgumentException("chaos.kill-every-max must not be shorter than chaos.kill-every-min");
        }
        appArgs = List.copyOf(appArgs);
    }

    /** {@code defaults} (by the name after {@code chaos.}) under any {@code chaos.*} system property. */
    static ChaosSettings fromSystemProperties(Map<String, String> defaults) {
        java.util.function.Function<String, String> get = name -> System.getProperty("chaos." + name,
                defaults.getOrDefault(name, BUILT_IN.get(name)));
        String args = get.apply("app-args");
        String seed = get.apply("seed");
        return new ChaosSettings(Integer.parseInt(get.apply("sends")), Integer.parseInt(get.apply("touches-per-lead")),
                Integer.parseInt(get.apply("mailboxes")), Integer.parseInt(get.apply("instances")),
                Integer.parseInt(get.apply("senders")), Integer.parseInt(get.apply("kills")),
                duration(get.apply("kill-every-min")), duration(get.apply("kill-every-max")),
                duration(get.apply("smtp-delay")), duration(get.apply("lease")), duration(get.apply("drain-timeout")),
                duration(get.apply("reconcile-wait")), seed.isBlank() ? new Random().nextLong() : Long.parseLong(seed),
                args.isBlank() ? List.of() : Arrays.asList(args.trim().split("\\s+")));
    }

    int leads() {
        return sends / touchesPerLead;
    }

    private static Duration duration(String value) {
        return DurationStyle.detectAndParse(value);
    }

    private static final Map<String, String> BUILT_IN = Map.ofEntries(
            Map.entry("sends", "200"),
            Map.entry("touches-per-lead", "2"),
            Map.entry("mailboxes", "4"),
            Map.entry("instances", "2"),
            Map.entry("senders", "4"),
            Map.entry("kills", "4"),
            Map.entry("kill-every-min", "3s"),
            Map.entry("kill-every-max", "12s"),
            Map.entry("smtp-delay", "60ms"),
            Map.entry("lease", "20s"),
            Map.entry("drain-timeout", "4m"),
            Map.entry("reconcile-wait", "3m"),
            Map.entry("seed", ""),
            Map.entry("app-args", ""));
}
