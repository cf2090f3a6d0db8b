package dev.outreach.content;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** An OpenAI-compatible {@code /v1/chat/completions} on loopback that records every request body. */
public final class OpenAiStub implements AutoCloseable {

    public final List<String> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private volatile int status = 200;
    private volatile String content = "";
    private volatile java.util.function.Function<String, String> responder;
    /** While set, each request waits for it before it is answered: an LLM that takes its time. */
    private volatile CountDownLatch hold;

    public OpenAiStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/chat/completions", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(request);
            java.util.function.Function<String, String> reply = responder;
            CountDownLatch waitFor = hold;
            if (waitFor != null) {
                try {
                    waitFor.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = (status == 200 ? completion(reply == null ? content : reply.apply(request)) : "{\"error\":{\"message\":\"stub failure\",\"type\":\"server_error\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public void answer(String text) {
        status = 200;
        content = text;
        responder = null;
    }

    /** Answers each request with what {@code reply} makes of its body (the inbox's stub model reads the prompt). */
    public void answerWith(java.util.function.Function<String, String> reply) {
        status = 200;
        responder = reply;
    }

    /** Answers only once {@code release} is counted down (at most 30 s later). */
    public void holdUntil(CountDownLatch release) {
        hold = release;
    }

    public void fail(int httpStatus) {
        status = httpStatus;
    }

    private static String completion(String text) {
        String escaped = text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        return """
                {"id":"chatcmpl-stub","object":"chat.completion","created":1700000000,"model":"stub-model",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":10,"completion_tokens":10,"total_tokens":20}}
                """.formatted(escaped);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
