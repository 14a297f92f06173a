package io.pilu.ingest.fake;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Builds test PDFs with real Chinese text, written with PDFBox and an embedded CJK font from the Debian package
 * {@code fonts-wqy-microhei} (or {@code fonts-noto-cjk}). A missing font fails the test with the package to
 * install: these tests must never be skipped silently.
 */
public final class TestPdfs {

    /** The running header the seed PDF repeats on every page, like a BSE announcement's top line. */
    public static final String SEED_HEADER = "证券代码：839493        证券简称：并行科技        公告编号：2024-061";

    /** In {@link #writeLaidOut}'s source lines: start a new page here. */
    public static final String PAGE_BREAK = "<page>";

    /**
     * Seeds the trailer /ID, which PDFBox otherwise derives from the clock: the same source then gives the same
     * bytes, so regenerating the committed sample PDFs without editing them changes nothing.
     */
    private static final long STABLE_DOCUMENT_ID = 839493L;

    private static final List<Path> FONT_CANDIDATES = List.of(
            Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"));

    private static final float MARGIN_LEFT = 60f;
    private static final float TOP_Y = 770f;
    private static final float LEADING = 19f;
    private static final float BODY_SIZE = 11.5f;

    private TestPdfs() {
    }

    /** The seed IR record (test resource) as lines; an empty entry marks a page break of the original. */
    public static List<List<String>> seedPages() {
        String seed = resource("seed-ir-record.txt");
        List<List<String>> pages = new ArrayList<>();
        List<String> page = new ArrayList<>();
        for (String line : seed.split("\n\n", -1)) {
            if (line.isEmpty()) {
                pages.add(page);
                page = new ArrayList<>();
            } else {
                page.add(line.strip());
            }
        }
        pages.add(page);
        return pages;
    }

    /** The seed's lines, trimmed, without blank ones: what extraction must give back. */
    public static List<String> seedLines() {
        return seedPages().stream().flatMap(List::stream).filter(l -> !l.isBlank()).toList();
    }

    /** Writes the seed record laid out like the BSE original: a header and a page number on each of its pages. */
    public static void writeSeedPdf(Path out) {
        writePdf(out, seedPages(), SEED_HEADER, true);
    }

    /**
     * Writes {@code pages} of text lines, one PDF page each, with an optional running {@code header} and a centred
     * page number ("- n -") footer.
     */
    public static void writePdf(Path out, List<List<String>> pages, String header, boolean pageNumbers) {
        try (CjkFont font = CjkFont.open(); PDDocument doc = new PDDocument()) {
            PDType0Font pdFont = PDType0Font.load(doc, font.ttf, true);
            doc.setDocumentId(STABLE_DOCUMENT_ID);
            int n = 0;
            for (List<String> lines : pages) {
                n++;
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    if (header != null) {
                        text(cs, pdFont, 9f, MARGIN_LEFT, 805f, header);
                    }
                    float y = TOP_Y;
                    for (String line : lines) {
                        if (!line.isBlank()) {
                            text(cs, pdFont, BODY_SIZE, MARGIN_LEFT, y, line);
                        }
                        y -= LEADING;
                    }
                    if (pageNumbers) {
                        text(cs, pdFont, 9f, 290f, 40f, "- " + n + " -");
                    }
                }
            }
            doc.save(out.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes an announcement from source lines, laid out like the exchange's PDFs: a running {@code header} and a
     * "- n -" footer on every page, long lines wrapped at the right margin, pages broken when full. A line
     * {@value #PAGE_BREAK} forces a page break; a blank line is a gap; a line with a tab is a row of a two-column table
     * (label, tab, value; an empty label continues the row above), drawn with rules the way the Shenzhen-style
     * IR record tables are.
     */
    public static void writeLaidOut(Path out, List<String> lines, String header) {
        try (CjkFont font = CjkFont.open(); PDDocument doc = new PDDocument()) {
            doc.setDocumentId(STABLE_DOCUMENT_ID);
            new LaidOutWriter(doc, PDType0Font.load(doc, font.ttf, true), header).write(lines);
            doc.save(out.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lays out lines over as many pages as they need; see {@link #writeLaidOut}. */
    private static final class LaidOutWriter {
        private static final float BOTTOM_Y = 70f;
        private static final float RIGHT_X = 535f;
        private static final float VALUE_X = 225f;
        private static final float CELL_PAD = 5f;

        private final PDDocument doc;
        private final PDType0Font font;
        private final String header;
        private PDPageContentStream cs;
        private int pageNumber;
        private float y;
        private boolean inTable;

        LaidOutWriter(PDDocument doc, PDType0Font font, String header) {
            this.doc = doc;
            this.font = font;
            this.header = header;
        }

        void write(List<String> lines) throws IOException {
            newPage();
            for (String line : lines) {
                if (line.strip().equals(PAGE_BREAK)) {
                    closeTable();
                    newPage();
                } else if (line.isBlank()) {
                    closeTable();
                    y -= LEADING;
                } else if (line.indexOf('\t') >= 0) {
                    tableRow(line.substring(0, line.indexOf('\t')).strip(),
                            line.substring(line.indexOf('\t') + 1).strip());
                } else {
                    closeTable();
                    for (String part : wrap(line.strip(), RIGHT_X - MARGIN_LEFT)) {
                        ensureRoom();
                        text(cs, font, BODY_SIZE, MARGIN_LEFT, y, part);
                        y -= LEADING;
                    }
                }
            }
            closeTable();
            finishPage();
        }

        private void tableRow(String label, String value) throws IOException {
            List<String> labels = label.isEmpty() ? List.of() : wrap(label, VALUE_X - MARGIN_LEFT - 2 * CELL_PAD);
            List<String> values = wrap(value, RIGHT_X - VALUE_X - CELL_PAD);
            int rows = Math.max(labels.size(), values.size());
            for (int i = 0; i < rows; i++) {
                if (y - LEADING < BOTTOM_Y) {
                    closeTable();
                    finishPage();
                    newPage();
                }
                float top = y + LEADING - 5f;
                if (!inTable || (i == 0 && !label.isEmpty())) {
                    rule(MARGIN_LEFT, top, RIGHT_X, top);
                }
                inTable = true;
                rule(MARGIN_LEFT, top, MARGIN_LEFT, top - LEADING);
                rule(VALUE_X - CELL_PAD, top, VALUE_X - CELL_PAD, top - LEADING);
                rule(RIGHT_X, top, RIGHT_X, top - LEADING);
                if (i < labels.size()) {
                    text(cs, font, BODY_SIZE, MARGIN_LEFT + CELL_PAD, y, labels.get(i));
                }
                if (i < values.size()) {
                    text(cs, font, BODY_SIZE, VALUE_X, y, values.get(i));
                }
                y -= LEADING;
            }
        }

        private void closeTable() throws IOException {
            if (inTable) {
                float bottom = y + LEADING - 5f;
                rule(MARGIN_LEFT, bottom, RIGHT_X, bottom);
                inTable = false;
            }
        }

        private void rule(float x1, float y1, float x2, float y2) throws IOException {
            cs.setLineWidth(0.5f);
            cs.moveTo(x1, y1);
            cs.lineTo(x2, y2);
            cs.stroke();
        }

        private void ensureRoom() throws IOException {
            if (y < BOTTOM_Y) {
                finishPage();
                newPage();
            }
        }

        /** Greedy wrap by measured glyph widths: CJK text has no spaces to break at. */
        private List<String> wrap(String s, float width) throws IOException {
            List<String> out = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                String next = line + new String(Character.toChars(cp));
                if (font.getStringWidth(next) / 1000f * BODY_SIZE > width && line.length() > 0) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                line.appendCodePoint(cp);
                i += Character.charCount(cp);
            }
            if (line.length() > 0 || out.isEmpty()) {
                out.add(line.toString());
            }
            return out;
        }

        private void newPage() throws IOException {
            finishPage();
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            cs = new PDPageContentStream(doc, page);
            pageNumber++;
            if (header != null) {
                text(cs, font, 9f, MARGIN_LEFT, 805f, header);
            }
            y = TOP_Y;
        }

        private void finishPage() throws IOException {
            if (cs != null) {
                text(cs, font, 9f, 290f, 40f, "- " + pageNumber + " -");
                cs.close();
                cs = null;
            }
        }
    }

    /** A PDF that needs the password {@code secret} to open. */
    public static void writeEncryptedPdf(Path out) {
        try (CjkFont font = CjkFont.open(); PDDocument doc = new PDDocument()) {
            PDType0Font pdFont = PDType0Font.load(doc, font.ttf, true);
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                text(cs, pdFont, BODY_SIZE, MARGIN_LEFT, TOP_Y, "机密公告");
            }
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-pw", "secret", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            doc.save(out.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a large PDF: {@code pages} pages, each with Chinese text and an incompressible image of about
     * {@code imageBytesPerPage} bytes, so the file reaches the size of the biggest real announcements. PDFBox's
     * scratch data goes to a temp file, so writing it needs little heap.
     */
    public static void writeLargePdf(Path out, int pages, int imageBytesPerPage) {
        Random random = new Random(42);
        int side = (int) Math.ceil(Math.sqrt(imageBytesPerPage / 3.0));
        try (CjkFont font = CjkFont.open(); PDDocument doc = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
            PDType0Font pdFont = PDType0Font.load(doc, font.ttf, true);
            List<String> seed = seedLines();
            for (int n = 1; n <= pages; n++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
                for (int x = 0; x < side; x++) {
                    for (int y = 0; y < side; y++) {
                        img.setRGB(x, y, random.nextInt(0x1000000));
                    }
                }
                PDImageXObject image = LosslessFactory.createFromImage(doc, img);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    text(cs, pdFont, 9f, MARGIN_LEFT, 805f, SEED_HEADER);
                    float y = TOP_Y;
                    for (int i = 0; i < 20; i++) {
                        text(cs, pdFont, BODY_SIZE, MARGIN_LEFT, y, seed.get((n * 20 + i) % seed.size()));
                        y -= LEADING;
                    }
                    cs.drawImage(image, MARGIN_LEFT, 120f, 200f, 200f);
                    text(cs, pdFont, 9f, 290f, 40f, "- " + n + " -");
                }
            }
            doc.save(out.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text of a UTF-8 test resource. */
    public static String resource(String name) {
        try (InputStream in = TestPdfs.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes of a freshly written seed PDF. */
    public static byte[] seedPdfBytes() {
        try {
            Path tmp = Files.createTempFile("seed-", ".pdf");
            try {
                writeSeedPdf(tmp);
                return Files.readAllBytes(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes of a small one-page PDF showing {@code lines}. */
    public static byte[] simplePdfBytes(List<String> lines) {
        try {
            Path tmp = Files.createTempFile("simple-", ".pdf");
            try {
                writePdf(tmp, List.of(lines), null, false);
                return Files.readAllBytes(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void text(PDPageContentStream cs, PDType0Font font, float size, float x, float y, String s)
            throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, y);
        cs.showText(s);
        cs.endText();
    }

    /** The first face of an installed CJK TrueType collection, kept open while a document embeds it. */
    private static final class CjkFont implements AutoCloseable {
        final TrueTypeCollection collection;
        final TrueTypeFont ttf;

        private CjkFont(TrueTypeCollection collection, TrueTypeFont ttf) {
            this.collection = collection;
            this.ttf = ttf;
        }

        static CjkFont open() throws IOException {
            for (Path candidate : FONT_CANDIDATES) {
                if (Files.isReadable(candidate)) {
                    TrueTypeCollection collection = new TrueTypeCollection(candidate.toFile());
                    TrueTypeFont[] first = new TrueTypeFont[1];
                    collection.processAllFonts(f -> {
                        if (first[0] == null) {
                            first[0] = f;
                        }
                    });
                    return new CjkFont(collection, first[0]);
                }
            }
            throw new IllegalStateException("No CJK font found at " + FONT_CANDIDATES + ". The PDF tests need one: "
                    + "install the Debian package fonts-wqy-microhei (apt-get install -y fonts-wqy-microhei).");
        }

        @Override
        public void close() throws IOException {
            collection.close();
        }
    }
}
