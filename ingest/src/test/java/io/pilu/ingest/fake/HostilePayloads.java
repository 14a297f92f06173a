package io.pilu.ingest.fake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Payloads an attacker (or a broken exchange) could serve, generated in the tests rather than checked in: they are
 * small on the wire and huge once read.
 */
public final class HostilePayloads {

    private HostilePayloads() {
    }

    /**
     * A one-page PDF whose single Flate-compressed content stream shows {@code glyphs} glyphs of the standard
     * Helvetica font (no embedded font needed): 60 million glyphs compress to about 60 KB (strings of a million
     * glyphs each, so the stream is almost one run of a single byte, which deflate packs about 1000:1).
     */
    public static byte[] glyphBombPdf(long glyphs) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        int perString = (int) Math.min(glyphs, 1_000_000);
        byte[] line = ("(" + "A".repeat(perString) + ") Tj\n").getBytes(StandardCharsets.US_ASCII);
        try (DeflaterOutputStream z = new DeflaterOutputStream(compressed, new Deflater(Deflater.BEST_COMPRESSION),
                1 << 16)) {
            z.write("BT /F1 1 Tf 10 10 Td\n".getBytes(StandardCharsets.US_ASCII));
            for (long shown = 0; shown < glyphs; shown += perString) {
                z.write(line);
            }
            z.write("ET\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pdf(compressed.toByteArray(), "/Filter /FlateDecode");
    }

    /**
     * A one-page PDF whose content stream inflates to {@code decodedBytes} bytes of harmless operators ({@code q Q}):
     * a gigabyte compresses to about a megabyte.
     */
    public static byte[] deflateBombPdf(long decodedBytes) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] block = "q Q\n".repeat(16 * 1024).getBytes(StandardCharsets.US_ASCII);
        try (DeflaterOutputStream z = new DeflaterOutputStream(compressed, new Deflater(Deflater.BEST_COMPRESSION),
                1 << 16)) {
            for (long written = 0; written < decodedBytes; written += block.length) {
                z.write(block);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pdf(compressed.toByteArray(), "/Filter /FlateDecode");
    }

    /** A valid one-page PDF showing {@code text} (ASCII) in Helvetica, for a "good" document next to hostile ones. */
    public static byte[] asciiPdf(String text) {
        byte[] content = ("BT /F1 12 Tf 50 700 Td (" + text + ") Tj ET\n").getBytes(StandardCharsets.US_ASCII);
        return pdf(content, "");
    }

    private static byte[] pdf(byte[] content, String filter) {
        List<byte[]> objects = new ArrayList<>();
        objects.add(ascii("<< /Type /Catalog /Pages 2 0 R >>"));
        objects.add(ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"));
        objects.add(ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                + "/Resources << /Font << /F1 5 0 R >> >> >>"));
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(ascii("<< /Length " + content.length + " " + filter + " >>\nstream\n"));
        stream.writeBytes(content);
        stream.writeBytes(ascii("\nendstream"));
        objects.add(stream.toByteArray());
        objects.add(ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n"));
        long[] offsets = new long[objects.size()];
        for (int i = 0; i < objects.size(); i++) {
            offsets[i] = out.size();
            out.writeBytes(ascii((i + 1) + " 0 obj\n"));
            out.writeBytes(objects.get(i));
            out.writeBytes(ascii("\nendobj\n"));
        }
        long xref = out.size();
        StringBuilder sb = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        for (long offset : offsets) {
            sb.append(String.format("%010d 00000 n \n", offset));
        }
        sb.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        out.writeBytes(ascii(sb.toString()));
        return out.toByteArray();
    }

    /**
     * An HTML page of about {@code bytes} bytes made of small paragraphs, written to {@code out} without holding it
     * in memory.
     */
    public static void writeHugeHtml(Path out, long bytes) {
        byte[] paragraph = "<p>公司经营情况良好，收入稳定增长。</p>\n".getBytes(StandardCharsets.UTF_8);
        try (OutputStream o = Files.newOutputStream(out)) {
            o.write("<html><head><meta charset=\"utf-8\"></head><body>\n".getBytes(StandardCharsets.UTF_8));
            for (long written = 0; written < bytes; written += paragraph.length) {
                o.write(paragraph);
            }
            o.write("</body></html>\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
