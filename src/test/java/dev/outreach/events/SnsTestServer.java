package dev.outreach.events;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.outreach.channel.UrlGuard;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A stand-in for Amazon SNS's side of things on 127.0.0.1 over real HTTPS: a key pair and a
 * self-signed certificate made by the JDK's keytool for this test run, served as the signing
 * certificate, an endpoint that counts subscription confirmations, and SNS's signing of
 * messages with that key. {@link #endpoints()} gives an {@link SnsEndpoints} that trusts this
 * server and allows its URLs; the application's own bean allows only sns.&lt;region&gt;.amazonaws.com.
 */
final class SnsTestServer {

    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:outreach-ses-events";
    static final SnsTestServer INSTANCE = start();

    private final HttpsServer server;
    private final SSLContext clientTls;
    private final PrivateKey key;
    private final AtomicInteger confirmations = new AtomicInteger();

    private SnsTestServer(HttpsServer server, SSLContext clientTls, PrivateKey key) {
        this.server = server;
        this.clientTls = clientTls;
        this.key = key;
    }

    private static SnsTestServer start() {
        try {
            Path dir = Files.createTempDirectory("sns-test");
            Path store = dir.resolve("sns.p12");
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "sns", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=SimpleNotificationService test", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                    .redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (keytool.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, "changeit".toCharArray());
            }
            X509Certificate certificate = (X509Certificate) keys.getCertificate("sns");
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, "changeit".toCharArray());
            SSLContext serverTls = SSLContext.getInstance("TLS");
            serverTls.init(keyManagers.getKeyManagers(), null, null);
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("sns", certificate);
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
            SSLContext clientTls = SSLContext.getInstance("TLS");
            clientTls.init(null, trustManagers.getTrustManagers(), null);

            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
            byte[] pem = ("-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n").getBytes(StandardCharsets.US_ASCII);
            SnsTestServer sns = new SnsTestServer(server, clientTls, (PrivateKey) keys.getKey("sns", "changeit".toCharArray()));
            server.createContext("/SimpleNotificationService-test.pem", exchange -> answer(exchange, pem));
            server.createContext("/confirm", exchange -> {
                sns.confirmations.incrementAndGet();
                answer(exchange, "<ConfirmSubscriptionResponse/>".getBytes(StandardCharsets.UTF_8));
            });
            server.start();
            return sns;
        } catch (Exception e) {
            throw new IllegalStateException("The SNS test server could not start", e);
        }
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    String certificateUrl() {
        return "https://127.0.0.1:" + port() + "/SimpleNotificationService-test.pem";
    }

    String subscribeUrl(String token) {
        return "https://127.0.0.1:" + port() + "/confirm?Action=ConfirmSubscription&Token=" + token;
    }

    int confirmations() {
        return confirmations.get();
    }

    /** Endpoints for the application under test: this server's URLs only, its certificate trusted. */
    SnsEndpoints endpoints() {
        int port = port();
        return new SnsEndpoints(new UrlGuard(List.of("127.0.0.1:" + port)),
                HttpClient.newBuilder().sslContext(clientTls).followRedirects(HttpClient.Redirect.NEVER).build(),
                uri -> "https".equals(uri.getScheme()) && "127.0.0.1".equals(uri.getHost()) && uri.getPort() == port);
    }

    /** SNS's signature of a message's canonical string, base64, for SignatureVersion 1 (SHA1) or 2 (SHA256). */
    String sign(String canonical, String signatureVersion) {
        try {
            Signature signer = Signature.getInstance("2".equals(signatureVersion) ? "SHA256withRSA" : "SHA1withRSA");
            signer.initSign(key);
            signer.update(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static URI uri(String text) {
        return URI.create(text);
    }
}
