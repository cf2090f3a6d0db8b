package dev.outreach.chaos;

import dev.outreach.soak.PackagedApp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The application processes of a chaos run, on one database and one Redis: started from the
 * packaged jar, killed with SIGKILL and started again in the background. Each start has a
 * working directory (and so a log) of its own: {@code <name>-<start>/app.log}.
 */
final class ChaosInstances implements AutoCloseable {

    static final Duration STARTUP = Duration.ofMinutes(3);

    /** One instance: its current process, and whether that process answers. */
    static final class Instance {
        final String name;
        volatile PackagedApp app;
        volatile boolean ready;
        int starts;

        Instance(String name) {
            this.name = name;
        }
    }

    private final Path workDir;
    private final Map<String, String> env;
    private final List<String> args;
    private final List<Instance> instances = new ArrayList<>();
    private final ExecutorService restarts = Executors.newCachedThreadPool();
    /** Starts that failed and processes that ended without being killed. */
    private final List<String> failures = new CopyOnWriteArrayList<>();

    ChaosInstances(Path workDir, Map<String, String> env, List<String> args, int count) {
        this.workDir = workDir;
        this.env = Map.copyOf(env);
        this.args = List.copyOf(args);
        for (int i = 0; i < count; i++) {
            instances.add(new Instance(String.valueOf((char) ('a' + i))));
        }
    }

    /** Starts instance {@code index} and waits until it answers. */
    void start(int index) throws Exception {
        Instance instance = instances.get(index);
        startAndAwait(instance);
        if (!instance.ready) {
            throw new IllegalStateException(String.join("\n", failures));
        }
    }

    /** Kills one answering instance, chosen at random, and starts it again in the background; returns its name. */
    String killOne(Random random) throws InterruptedException {
        Instance victim = awaitAnswering(random);
        victim.ready = false;
        victim.app.kill();
        restarts.submit(() -> startAndAwait(victim));
        return victim.name;
    }

    /** Waits until every instance answers (the last restarts included); fails with what went wrong. */
    void awaitAll(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (instances.stream().anyMatch(instance -> !instance.ready) && failures.isEmpty()
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        checkHealthy();
        if (instances.stream().anyMatch(instance -> !instance.ready)) {
            throw new IllegalStateException("Not every instance answered within " + timeout);
        }
    }

    /** Fails when a start failed or a process ended that was not killed. */
    void checkHealthy() {
        for (Instance instance : instances) {
            if (instance.ready && !instance.app.isAlive()) {
                instance.ready = false;
                failures.add("Instance " + instance.name + " ended by itself (exit " + instance.app.exitValue() + "), log "
                        + instance.app.log());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(String.join("\n", failures));
        }
    }

    private Instance awaitAnswering(Random random) throws InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            checkHealthy();
            List<Instance> answering = instances.stream().filter(instance -> instance.ready).toList();
            if (!answering.isEmpty()) {
                return answering.get(random.nextInt(answering.size()));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("No instance answered for " + STARTUP);
    }

    private void startAndAwait(Instance instance) {
        try {
            instance.starts++;
            instance.app = PackagedApp.start(workDir.resolve(instance.name + "-" + instance.starts), env, args);
            instance.app.awaitReady(STARTUP);
            instance.ready = true;
        } catch (Exception e) {
            failures.add("Instance " + instance.name + " did not start (start " + instance.starts + "): " + e.getMessage());
        }
    }

    /** SIGTERM to every instance, as a service manager stops them. */
    @Override
    public void close() throws InterruptedException {
        restarts.shutdownNow(); // a start under way ends its wait, its process is closed below
        restarts.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        for (Instance instance : instances) {
            instance.ready = false;
            if (instance.app != null) {
                instance.app.close();
            }
        }
    }
}
