package dev.outreach.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Just enough of an SMTP server on 127.0.0.1 to script the replies GreenMail will not give:
 * a rejected recipient, a temporary failure, a refused sender, silence, a connection dropped
 * before or after the message's final dot, a slow final reply. It counts connections and keeps
 * the messages it accepted (a message it took and then hung up on counts as accepted: it has it).
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private volatile String mailFromReply = "250 2.1.0 Ok";
    private volatile String rcptReply = "250 2.1.5 Ok";
    private volatile String dataEndReply = "250 2.0.0 Ok: queued";
    private volatile boolean silent;
    private volatile boolean hangUpAfterData;
    private volatile boolean hangUpAtData;
    private volatile long dataEndDelayMillis;

    public ScriptedSmtpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("scripted-smtp-accept").start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The reply to every RCPT TO, e.g. {@code 550 5.1.1 <x@y>: Recipient address rejected: User unknown}. */
    public ScriptedSmtpServer replyToRcpt(String reply) {
        rcptReply = reply;
        return this;
    }

    public ScriptedSmtpServer replyToMailFrom(String reply) {
        mailFromReply = reply;
        return this;
    }

    /** The reply after the message's final dot. */
    public ScriptedSmtpServer replyToDataEnd(String reply) {
        dataEndReply = reply;
        return this;
    }

    /** Accept connections but never say a word: the client's read timeout must end it. */
    public ScriptedSmtpServer silent() {
        silent = true;
        return this;
    }

    /**
     * Reads each message to its final dot, keeps it, and closes the connection instead of
     * answering (RFC 1047's lost reply): the client cannot know the message was taken.
     */
    public ScriptedSmtpServer hangUpAfterData() {
        hangUpAfterData = true;
        return this;
    }

    /** Closes the connection when the client says DATA, before any of the message is sent. */
    public ScriptedSmtpServer hangUpAtData() {
        hangUpAtData = true;
        return this;
    }

    /** Waits this long before the reply to each message's final dot (a slow server). */
    public ScriptedSmtpServer delayDataEnd(java.time.Duration delay) {
        dataEndDelayMillis = delay.toMillis();
        return this;
    }

    public int connections() {
        return connections.get();
    }

    public List<String> acceptedMessages() {
        return List.copyOf(accepted);
    }

    /** Drops every open connection without a word, as a server restarting or a NAT timing out would. */
    public void dropConnections() throws IOException {
        for (Socket client : clients) {
            client.close();
        }
        clients.clear();
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                clients.add(client);
                Thread.ofVirtual().name("scripted-smtp-client").start(() -> converse(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void converse(Socket client) {
        try (client;
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = client.getOutputStream()) {
            if (silent) {
                in.read(); // until the client gives up
                return;
            }
            say(out, "220 scripted.test ESMTP ready");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() < 4 ? line.toUpperCase(Locale.ROOT) : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (command) {
                    case "EHLO", "HELO" -> say(out, "250 scripted.test");
                    case "MAIL" -> say(out, mailFromReply);
                    case "RCPT" -> say(out, rcptReply);
                    case "DATA" -> {
                        if (hangUpAtData) {
                            return;
                        }
                        say(out, "354 End data with <CR><LF>.<CR><LF>");
                        String message = readData(in);
                        if (hangUpAfterData) {
                            accepted.add(message);
                            return;
                        }
                        pause(dataEndDelayMillis);
                        String reply = dataEndReply;
                        if (reply.startsWith("2")) {
                            accepted.add(message);
                        }
                        say(out, reply);
                    }
                    case "RSET" -> say(out, "250 2.0.0 Ok");
                    case "NOOP" -> say(out, "250 2.0.0 Ok");
                    case "QUIT" -> {
                        say(out, "221 2.0.0 Bye");
                        return;
                    }
                    default -> say(out, "502 5.5.2 Error: command not recognized");
                }
            }
        } catch (IOException e) {
            // the client went away or the test dropped the connection
        } finally {
            clients.remove(client);
        }
    }

    private static String readData(BufferedReader in) throws IOException {
        StringBuilder message = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            message.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
        }
        return message.toString();
    }

    private static void pause(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
