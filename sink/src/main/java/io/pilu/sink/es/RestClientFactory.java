package io.pilu.sink.es;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/** Builds the low-level {@link RestClient} for an {@link ElasticsearchSettings}: hosts, auth header, TLS trust. */
public final class RestClientFactory {

    private RestClientFactory() {}

    /** Its I/O threads are named {@code pilu-es-client-N}. */
    public static RestClient create(ElasticsearchSettings conn) {
        return create(conn, "pilu-es-client");
    }

    /**
     * Its I/O threads are named {@code <threadName>-N}, so per-thread CPU time (e.g. {@code pilu bench pipeline})
     * says which user of the cluster spent it.
     */
    public static RestClient create(ElasticsearchSettings conn, String threadName) {
        HttpHost[] hosts = conn.urls().stream()
                .map(u -> new HttpHost(
                        u.getHost(), u.getPort() > 0 ? u.getPort() : defaultPort(u.getScheme()), u.getScheme()))
                .toArray(HttpHost[]::new);
        RestClientBuilder builder = RestClient.builder(hosts);
        List<Header> headers = new ArrayList<>();
        if (conn.apiKey() != null) {
            headers.add(new BasicHeader("Authorization", "ApiKey " + conn.apiKey()));
        } else if (conn.username() != null) {
            String token = Base64.getEncoder()
                    .encodeToString((conn.username() + ":" + conn.password()).getBytes(StandardCharsets.UTF_8));
            headers.add(new BasicHeader("Authorization", "Basic " + token));
        }
        builder.setDefaultHeaders(headers.toArray(Header[]::new));
        // Bulk requests of several MB against a busy cluster can take a while; the default 30 s socket timeout
        // would turn a slow-but-successful bulk into a retry of the whole batch.
        builder.setRequestConfigCallback(rc -> rc.setConnectTimeout(5_000).setSocketTimeout(120_000));
        SSLContext ssl = conn.caCert() != null ? sslContextTrusting(conn) : null;
        AtomicInteger threads = new AtomicInteger();
        builder.setHttpClientConfigCallback(hc -> {
            if (ssl != null) {
                hc.setSSLContext(ssl);
            }
            return hc.setThreadFactory(r -> {
                Thread t = new Thread(r, threadName + "-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        });
        return builder.build();
    }

    /** An SSL context trusting exactly the certificates in the configured PEM file. */
    static SSLContext sslContextTrusting(ElasticsearchSettings conn) {
        try (InputStream in = Files.newInputStream(conn.caCert())) {
            Collection<? extends Certificate> certs =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("no certificate in CA file " + conn.caCert());
            }
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "cannot read CA certificate " + conn.caCert() + " (PILU_ES_CA_CERT): " + e.getMessage(), e);
        }
    }

    private static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 9200;
    }
}
