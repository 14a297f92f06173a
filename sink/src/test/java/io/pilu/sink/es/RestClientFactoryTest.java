package io.pilu.sink.es;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS with a private CA and the auth header, against a loopback HTTPS server using a certificate made by keytool. */
class RestClientFactoryTest {

    @TempDir
    Path dir;

    private HttpsServer server;
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private Path caPem;

    @BeforeEach
    void startHttpsServer() throws Exception {
        Path keystore = dir.resolve("node.p12");
        caPem = dir.resolve("ca.pem");
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(
                keytool,
                "-genkeypair",
                "-alias",
                "node",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit");
        run(
                keytool,
                "-exportcert",
                "-rfc",
                "-alias",
                "node",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit",
                "-file",
                caPem.toString());

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/", ex -> {
            authorization.set(ex.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"tagline\":\"You Know, for Search\"}".getBytes();
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void trustsTheConfiguredCaAndSendsBasicAuth() throws Exception {
        try (RestClient rest =
                RestClientFactory.create(ElasticsearchSettings.of(url(), "elastic", "pw", null, caPem.toString()))) {
            String body = EntityUtils.toString(
                    rest.performRequest(new Request("GET", "/")).getEntity());
            assertThat(body).contains("You Know, for Search");
        }
        assertThat(authorization.get()).isEqualTo("Basic ZWxhc3RpYzpwdw=="); // base64("elastic:pw")
    }

    @Test
    void apiKeyWinsOverBasicAuth() throws Exception {
        try (RestClient rest = RestClientFactory.create(
                ElasticsearchSettings.of(url(), "elastic", "pw", "a2V5OnNlY3JldA==", caPem.toString()))) {
            rest.performRequest(new Request("GET", "/"));
        }
        assertThat(authorization.get()).isEqualTo("ApiKey a2V5OnNlY3JldA==");
    }

    @Test
    void withoutTheCaTheServerIsNotTrusted() throws Exception {
        try (RestClient rest = RestClientFactory.create(ElasticsearchSettings.of(url()))) {
            assertThatThrownBy(() -> rest.performRequest(new Request("GET", "/")))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void anUnreadableCaFileIsAClearError() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate");
        assertThatThrownBy(() ->
                        RestClientFactory.create(ElasticsearchSettings.of(url(), null, null, null, junk.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PILU_ES_CA_CERT");
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }
}
