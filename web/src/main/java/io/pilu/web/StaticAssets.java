package io.pilu.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.zip.GZIPOutputStream;

/**
 * The files under {@code /static/}: Pilu's stylesheet and two small scripts, and ECharts from its WebJar. All are
 * read from the classpath once, at start, and kept with a gzip copy and an ETag: a page never waits for a disk
 * read, and ECharts (~1 MB) travels as ~330 KB once, then comes from the browser's cache.
 */
final class StaticAssets {

    /** One file: its bytes, their gzip, content type and ETag. */
    record Asset(byte[] bytes, byte[] gzip, String contentType, String etag) {}

    private final Map<String, Asset> assets = new LinkedHashMap<>();
    private final String echartsVersion;

    StaticAssets() {
        for (String name : new String[] {"pilu.css", "live.js", "charts.js"}) {
            put(name, read("io/pilu/web/static/" + name));
        }
        echartsVersion = webjarVersion();
        put("echarts.min.js", read("META-INF/resources/webjars/echarts/" + echartsVersion + "/dist/echarts.min.js"));
    }

    String echartsVersion() {
        return echartsVersion;
    }

    /** The asset named {@code name} (no directories), or null. */
    Asset get(String name) {
        return assets.get(name);
    }

    private void put(String name, byte[] bytes) {
        String type = name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
        assets.put(
                name, new Asset(bytes, gzip(bytes), type, "\"" + sha256(bytes).substring(0, 16) + "\""));
    }

    /** The version of the ECharts WebJar on the classpath, from its Maven metadata. */
    private static String webjarVersion() {
        Properties p = new Properties();
        try (InputStream in = resource("META-INF/maven/org.webjars.npm/echarts/pom.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static InputStream resource(String path) {
        InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("missing on the classpath: " + path + " (a broken build of pilu web)");
        }
        return in;
    }

    private static byte[] read(String path) {
        try (InputStream in = resource(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
