package dev.outreach.deliverability;

import dev.outreach.deliverability.ConnectionTestResult.Problem;
import dev.outreach.shared.FailureChain;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.util.MailConnectException;

/** Reads why a connection to a mail server failed, from the exception chain Jakarta Mail throws. */
final class ConnectionFailures {

    private static final int MAX_TEXT = 300;

    private ConnectionFailures() {
    }

    /** What failed and a sentence saying so, naming the server as {@code host:port}. */
    record Failure(Problem problem, String message) {
    }

    static Failure classify(Exception failure, String server, Duration timeout) {
        List<Throwable> chain = chainOf(failure);
        Optional<AuthenticationFailedException> login = first(chain, AuthenticationFailedException.class);
        if (login.isPresent()) {
            return new Failure(Problem.AUTHENTICATION_REJECTED,
                    "Authentication rejected by " + server + ": " + orDefault(text(login.get()), "no reason given"));
        }
        if (first(chain, UnknownHostException.class).isPresent()) {
            return new Failure(Problem.UNKNOWN_HOST, "Unknown host: " + hostOf(server) + " does not resolve");
        }
        if (first(chain, ConnectException.class).isPresent() || first(chain, NoRouteToHostException.class).isPresent()) {
            return new Failure(Problem.CONNECTION_REFUSED, "Connection refused: nothing accepts connections on " + server);
        }
        Optional<SocketTimeoutException> timedOut = first(chain, SocketTimeoutException.class);
        if (timedOut.isPresent()) {
            boolean connecting = first(chain, MailConnectException.class).isPresent()
                    || String.valueOf(timedOut.get().getMessage()).toLowerCase(Locale.ROOT).contains("connect");
            return new Failure(Problem.TIMEOUT, connecting
                    ? "Timed out after " + timeout.toSeconds() + " s connecting to " + server
                            + ": a firewall may drop the connection, or the host is down"
                    : "Timed out after " + timeout.toSeconds() + " s waiting for " + server
                            + " to answer: the port may expect TLS from the first byte (SSL) or another protocol");
        }
        Optional<Throwable> certificate = chain.stream().filter(ConnectionFailures::isCertificateProblem).findFirst();
        if (certificate.isPresent()) {
            return new Failure(Problem.TLS_CERTIFICATE, "TLS certificate problem at " + server + ": "
                    + certificateText(chain));
        }
        Optional<SSLException> tls = first(chain, SSLException.class);
        if (tls.isPresent()) {
            String why = text(tls.get());
            String hint = why.contains("Unsupported or unrecognized SSL message")
                    ? ": the server did not answer in TLS; this port probably expects STARTTLS or no encryption"
                    : ": " + why;
            return new Failure(Problem.TLS_HANDSHAKE, "TLS handshake with " + server + " failed" + hint);
        }
        if (chain.stream().map(ConnectionFailures::text).anyMatch(t -> t.contains("STARTTLS") && t.contains("required"))) {
            return new Failure(Problem.STARTTLS_NOT_OFFERED, "STARTTLS not offered: " + server
                    + " does not offer STARTTLS; choose SSL (usually port 465 for SMTP, 993 for IMAP) or another port");
        }
        Optional<IOException> io = first(chain, IOException.class);
        if (io.isPresent()) {
            return new Failure(Problem.SERVER_ERROR, "The connection to " + server + " failed: " + text(io.get()));
        }
        return new Failure(Problem.SERVER_ERROR, "The server " + server + " refused: " + text(failure));
    }

    private static boolean isCertificateProblem(Throwable t) {
        if (t instanceof CertificateException || t instanceof CertPathValidatorException
                || t instanceof CertPathBuilderException) {
            return true;
        }
        String text = String.valueOf(t.getMessage());
        // Angus's own host name check (mail.*.ssl.checkserveridentity) and the JDK's validator
        return (t instanceof IOException || t instanceof GeneralSecurityException)
                && (text.contains("Can't verify identity of server") || text.contains("Server is not trusted")
                        || text.contains("PKIX path") || text.contains("No subject alternative")
                        || text.contains("No name matching"));
    }

    private static String certificateText(List<Throwable> chain) {
        String all = String.join(" ", chain.stream().map(ConnectionFailures::text).toList());
        if (all.contains("PKIX path building failed") || all.contains("unable to find valid certification path")) {
            return "the certificate is not signed by a trusted authority (self-signed or a missing intermediate)";
        }
        if (all.contains("No subject alternative") || all.contains("No name matching")
                || all.contains("Can't verify identity of server")) {
            return "the certificate does not name this host";
        }
        if (all.contains("validity check failed") || all.contains("expired")) {
            return "the certificate has expired or is not valid yet";
        }
        return chain.stream().filter(ConnectionFailures::isCertificateProblem).map(ConnectionFailures::text)
                .findFirst().orElse("the certificate was refused");
    }

    private static String hostOf(String server) {
        int colon = server.lastIndexOf(':');
        return colon < 0 ? server : server.substring(0, colon);
    }

    private static List<Throwable> chainOf(Throwable failure) {
        return FailureChain.of(failure);
    }

    private static <T> Optional<T> first(List<Throwable> chain, Class<T> type) {
        return FailureChain.first(chain, type);
    }

    /** The exception's own message on one line; for MessagingException without the nested one appended. */
    static String text(Throwable t) {
        String message = t.getMessage();
        if (t instanceof MessagingException m && message != null) {
            int nested = message.indexOf(";\n  nested exception is:");
            message = nested >= 0 ? message.substring(0, nested) : message;
        }
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        return oneLine(message);
    }

    static String oneLine(String text) {
        String line = text.replaceAll("\\p{Cntrl}+", " ").replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_TEXT ? line : line.substring(0, MAX_TEXT) + "...";
    }

    private static String orDefault(String text, String fallback) {
        return text == null || text.isBlank() ? fallback : text;
    }
}
