package dev.outreach.soak;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The packaged jar run as a user runs it: {@code java -jar} in a working directory of its own
 * (so the embedded database starts empty under {@code ./data}), on a free port, its console
 * output in {@code app.log}. Started by the soak and the chaos run, stopped with SIGTERM like a
 * service manager, or killed with SIGKILL by the chaos run.
 */
public final class PackagedApp implements AutoCloseable {

    /**
     * The JUnit resource the integration tests that run packaged apps lock: the soak's profiles
     * share it (read), the chaos run takes it alone (read-write), so that at most two instances
     * run beside the in-JVM tests on a two-core machine.
     */
    public static final String LANE = "packaged-app-instances";

    private final Path workDir;
    private final Path log;
    private final int port;
    private final Process process;

    private PackagedApp(Path workDir, int port, Process process) {
        this.workDir = workDir;
        this.log = workDir.resolve("app.log");
        this.port = port;
        this.process = process;
    }

    /** Starts the jar with these environment variables and {@code --name=value} arguments. */
    public static PackagedApp start(Path workDir, Map<String, String> env, List<String> args) throws IOException {
        Files.createDirectories(workDir);
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx768m", "-jar", jar().toString(),
                "--server.port=" + port));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(workDir.resolve("app.log").toFile());
        builder.environment().putAll(env);
        return new PackagedApp(workDir, port, builder.start());
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public Path log() {
        return log;
    }

    Path workDir() {
        return workDir;
    }

    /** Waits until the login page answers 200, or fails with the log's tail when the app died or took too long. */
    public void awaitReady(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The app exited with " + process.exitValue() + " before it was ready:\n"
                        + tail(60));
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The app did not answer /login within " + timeout + ":\n" + tail(60));
    }

    /** The last lines of the log, for failure messages. */
    public String tail(int lines) throws IOException {
        List<String> all = Files.readAllLines(log);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** SIGTERM, as systemd or docker stop would, then up to 30 s for a graceful shutdown. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** SIGKILL ({@link Process#destroyForcibly} on Linux): no shutdown hook runs. Returns once the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int exitValue() {
        return process.exitValue();
    }

    private static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.map(Path::toAbsolutePath).filter(f -> f.getFileName().toString().matches("outreach-engine-.*\\.jar"))
                    .filter(f -> !f.getFileName().toString().endsWith("-plain.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No packaged jar in target/: run `package` first (verify does)"));
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
