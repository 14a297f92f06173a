package io.pilu.ingest.document;

import java.awt.geom.Point2D;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.pdfbox.util.Matrix;

/**
 * PDF text through Apache PDFBox 3, page by page, then {@link ChineseTextCleaner}, within an
 * {@link ExtractionBudget}.
 *
 * <p>Memory: the file is read through a buffered random-access file (never loaded whole) and PDFBox's scratch
 * streams go to a temp file ({@link IOUtils#createTempFileOnlyStreamCache()}), so a 50 MB, 500-page announcement
 * extracts in a 256 MB heap; only the text itself is held in memory.
 *
 * <p>Hostile documents: PDFBox keeps every glyph of a page (a {@code TextPosition}) until the page ends, and
 * decodes a content stream wholly into memory before parsing it, so a 59 KB file whose one compressed stream shows
 * 60 million glyphs would take gigabytes. Before a page runs, every stream it can reach (contents, forms, fonts,
 * patterns) is decoded into a counter that stops at {@link ExtractionBudget#maxDecodedStreamBytes()}; while it runs,
 * the stripper counts glyphs and operators and watches the clock, and aborts the page past a budget. Text stops
 * being collected once it reaches {@link ExtractionBudget#maxTextChars()} (twice that before cleaning, which only
 * shrinks text). PDFBox also decodes streams on its own, wholly into memory, while the document loads (object and
 * cross-reference streams): {@link DecodeGuard} counts everything it decodes during an extraction against the
 * stream and document budgets, and this class turns an abort there into {@code TEXT_BUDGET_EXCEEDED} even if PDFBox
 * caught it and read on.
 */
final class PdfTextExtractor {

    /**
     * Marks the end of a page in the stripper's output. A private-use code point cannot occur in the text of a
     * document we can read, so splitting on it is exact.
     */
    private static final String PAGE_END = "\uE000\n";
    /**
     * Opens the note the stripper writes at the end of each line: where its last glyph ends and how far right a line
     * size of its last glyph, in tenths of a point ("\uE002 right,size \uE003"). Private-use code points
     * for the same reason as {@link #PAGE_END}; {@link #markWrappedLines} turns the notes into
     * {@link ChineseTextCleaner#WRAPPED} once the whole document's right edge is known.
     */
    private static final char LINE_NOTE = '\uE002';

    private static final char LINE_NOTE_END = '\uE003';
    /** The right edge of a document's text is where its this-many-th furthest-reaching line ends. */
    private static final int EDGE_RANK = 3;
    /**
     * A line ending this many font sizes or less before the right edge reaches it: justified text ends on the edge,
     * a greedy wrap leaves up to one character of room.
     */
    private static final float WRAP_SLACK_EM = 1.5f;
    /**
     * A line ending this many font sizes or less before the right edge is near it: full if it is as long as the
     * document's typical line (a paragraph's first line set with a two-character indent, then drawn flush left).
     */
    private static final float NEAR_SLACK_EM = 3f;
    /** Filters that only images use: a stream with one is never decoded by text extraction. */
    private static final Set<COSName> IMAGE_FILTERS =
            Set.of(COSName.DCT_DECODE, COSName.JPX_DECODE, COSName.CCITTFAX_DECODE, COSName.JBIG2_DECODE);

    private final ChineseTextCleaner cleaner;

    PdfTextExtractor(ChineseTextCleaner cleaner) {
        this.cleaner = cleaner;
    }

    ExtractedText extract(Path file, ExtractionBudget budget) throws DocumentExtractionException {
        long deadline = System.nanoTime() + budget.timeout().toNanos();
        try (DecodeGuard.Allowance decoding = DecodeGuard.open(
                budget.maxDecodedStreamBytes(),
                budget.maxDecodedDocumentBytes(),
                deadline,
                budget.timeout().toSeconds())) {
            return extract(file, budget, deadline, decoding);
        }
    }

    private ExtractedText extract(Path file, ExtractionBudget budget, long deadline, DecodeGuard.Allowance decoding)
            throws DocumentExtractionException {
        try (PDDocument document = Loader.loadPDF(
                new RandomAccessReadBufferedFile(file.toFile()), "", IOUtils.createTempFileOnlyStreamCache())) {
            int pageCount = document.getNumberOfPages();
            PageCollector pages = new PageCollector(2L * budget.maxTextChars());
            BudgetedStripper stripper = new BudgetedStripper(budget, deadline);
            // Reading order of a Chinese announcement is top-to-bottom; sorting by position undoes content streams
            // that draw headers or table cells out of order.
            stripper.setSortByPosition(true);
            stripper.setLineSeparator("\n");
            stripper.setPageEnd(PAGE_END);
            try {
                stripper.writeText(document, pages);
            } catch (TextBudgetReached reached) {
                // enough text: the rest of the document is not read
            }
            if (decoding.exceeded() != null) { // PDFBox swallowed our abort (it reads on past damaged objects)
                throw new BudgetExceeded(decoding.exceeded());
            }
            List<String> pageTexts = markWrappedLines(pages.pages());
            String text = cleaner.clean(pageTexts);
            boolean truncated = pages.full();
            if (text.length() > budget.maxTextChars()) {
                int end = budget.maxTextChars();
                if (Character.isHighSurrogate(text.charAt(end - 1))) {
                    end--; // never split a surrogate pair
                }
                text = text.substring(0, end);
                truncated = true;
            }
            if (text.isBlank() && pageCount > 0) {
                throw new DocumentExtractionException(
                        DocumentExtractionException.Kind.NO_TEXT,
                        "PDF has " + pageCount + " page(s) but no text layer (a scanned image?)");
            }
            return new ExtractedText(text, pageCount, truncated);
        } catch (BudgetExceeded e) {
            throw new DocumentExtractionException(
                    DocumentExtractionException.Kind.TEXT_BUDGET_EXCEEDED, e.getMessage());
        } catch (InvalidPasswordException e) {
            throw new DocumentExtractionException(
                    DocumentExtractionException.Kind.ENCRYPTED, "PDF is encrypted and needs a password to open", e);
        } catch (IOException | RuntimeException e) {
            if (decoding.exceeded() != null) { // whatever PDFBox made of our abort
                throw new DocumentExtractionException(
                        DocumentExtractionException.Kind.TEXT_BUDGET_EXCEEDED, decoding.exceeded());
            }
            BudgetExceeded budgetCause = budgetCause(e);
            if (budgetCause != null) { // PDFBox wrapped our abort
                throw new DocumentExtractionException(
                        DocumentExtractionException.Kind.TEXT_BUDGET_EXCEEDED, budgetCause.getMessage());
            }
            // PDFBox reports damage as IOException, and some malformed structures as runtime exceptions
            // (ClassCast, IllegalArgument...): both mean "this file cannot be read", not a crawler bug.
            throw new DocumentExtractionException(
                    DocumentExtractionException.Kind.UNREADABLE,
                    "not a readable PDF: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Replaces each line note by {@link ChineseTextCleaner#WRAPPED} when the line reaches the right edge of the
     * document's text, by {@link ChineseTextCleaner#NEAR_EDGE} when it ends near it, else by nothing. The edge is the document's, not the page's: the pages of an announcement
     * share their margins, and a page of short table rows has no full line to measure its own edge by. It is where
     * the {@value #EDGE_RANK}rd-furthest line ends, so that one line sticking out (a wide table, a header set
     * further right) does not make every line of the body look short.
     */
    static List<String> markWrappedLines(List<String> pages) {
        int[] furthest = new int[EDGE_RANK]; // descending
        for (String page : pages) {
            for (int at = page.indexOf(LINE_NOTE); at >= 0; at = page.indexOf(LINE_NOTE, at + 1)) {
                int comma = page.indexOf(',', at);
                if (comma > at) {
                    int right = parseTenths(page, at + 1, comma);
                    for (int i = 0; i < EDGE_RANK; i++) {
                        if (right > furthest[i]) {
                            System.arraycopy(furthest, i, furthest, i + 1, EDGE_RANK - i - 1);
                            furthest[i] = right;
                            break;
                        }
                    }
                }
            }
        }
        int edge = 0;
        for (int right : furthest) {
            if (right > 0) {
                edge = right; // the EDGE_RANK-th furthest, or the nearest of fewer lines
            }
        }
        List<String> out = new ArrayList<>(pages.size());
        for (String page : pages) {
            int at = page.indexOf(LINE_NOTE);
            if (at < 0) {
                out.add(page);
                continue;
            }
            StringBuilder sb = new StringBuilder(page.length());
            int from = 0;
            for (; at >= 0; at = page.indexOf(LINE_NOTE, from)) {
                sb.append(page, from, at);
                int comma = page.indexOf(',', at);
                int end = page.indexOf(LINE_NOTE_END, at);
                if (comma < 0 || end < comma) {
                    from = page.length(); // a note cut off by the text budget: the rest is dropped
                    break;
                }
                int shortOfEdge = edge - parseTenths(page, at + 1, comma);
                int size = parseTenths(page, comma + 1, end);
                if (shortOfEdge <= WRAP_SLACK_EM * size) {
                    sb.append(ChineseTextCleaner.WRAPPED);
                } else if (shortOfEdge <= NEAR_SLACK_EM * size) {
                    sb.append(ChineseTextCleaner.NEAR_EDGE);
                }
                from = end + 1;
            }
            sb.append(page, Math.min(from, page.length()), page.length());
            out.add(sb.toString());
        }
        return out;
    }

    private static int parseTenths(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static BudgetExceeded budgetCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BudgetExceeded b) {
                return b;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** A budget ran out: the document cannot be read at a bounded cost. Unchecked so PDFBox passes it through. */
    static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded(String message) {
            super(message, null, false, false);
        }
    }

    /** Enough text was collected; ends the stripper's run early (not an error). */
    private static final class TextBudgetReached extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TextBudgetReached() {
            super(null, null, false, false);
        }
    }

    /**
     * The stripper with glyph, operator and time budgets, and a stream check before each page. It also writes down
     * the two layout facts the text cleaner cannot recover from characters alone, from the glyphs' positions:
     *
     * <ul>
     *   <li>a gap of at least {@value #COLUMN_GAP_EM} em between two words on a line (a table's label and value
     *       columns, or fields spaced apart) is written as two spaces, which the cleaner keeps as one space, where
     *       a narrower gap is one space, which it drops between Han characters ("上 海 证 券 报"): without it a row
     *       reads "地点公司会议室" and its label cannot be told from its value;</li>
     *   <li>where each line's last glyph ends ({@link #LINE_NOTE}), so that a line ending within
     *       {@value #WRAP_SLACK_EM} em of the right edge of the document's text is marked
     *       {@link ChineseTextCleaner#WRAPPED}: the layout wrapped it there, whatever its character count; and a
     *       line ending well short of the edge is known not to be full, however many characters it has.
     *       Counting characters cannot see that a table cell ("…、兴业证券、富" then "国基金、…") is full, as its
     *       lines are shorter than the page's.</li>
     * </ul>
     *
     * It also collects the page's horizontal rules from its path operators, and before PDFBox orders the page's
     * glyphs into lines, moves a row label that a table cell centres vertically to its row's first line
     * ({@link CentredRowLabels}); a page without rules is written exactly as PDFBox orders it.
     */
    private static final class BudgetedStripper extends PDFTextStripper {
        /** A gap between words this many font sizes wide or more separates columns or fields. */
        private static final float COLUMN_GAP_EM = 0.75f;

        private final ExtractionBudget budget;
        private final long deadline;
        private final Set<COSStream> checkedStreams = Collections.newSetFromMap(new IdentityHashMap<>());
        private int pageNumber;
        private long glyphs;
        private long operators;
        /** Where the last glyph written on the current line ends, or NaN before its first word. */
        private float lineRight = Float.NaN;

        private float lineFontSize;
        private boolean separatorPending;
        private final CentredRowLabels.Rules rules = new CentredRowLabels.Rules();
        /** The current page's crop box, or null on a rotated page (whose rules are not collected). */
        private PDRectangle cropBox;

        BudgetedStripper(ExtractionBudget budget, long deadline) {
            this.budget = budget;
            this.deadline = deadline;
        }

        @Override
        public void processPage(PDPage page) throws IOException {
            pageNumber++;
            glyphs = 0;
            operators = 0;
            checkTime();
            checkStreams(page.getCOSObject());
            rules.clear();
            cropBox = page.getRotation() % 360 == 0 ? page.getCropBox() : null;
            super.processPage(page);
        }

        @Override
        protected void writePage() throws IOException {
            lineRight = Float.NaN;
            separatorPending = false;
            CentredRowLabels.lift(charactersByArticle, rules.rules());
            super.writePage();
        }

        @Override
        protected void writeWordSeparator() {
            separatorPending = true; // written with the next word, once its position tells how wide the gap is
        }

        @Override
        protected void writeString(String text, List<TextPosition> positions) throws IOException {
            if (positions.isEmpty()) {
                super.writeString(text, positions);
                return;
            }
            TextPosition first = positions.get(0);
            if (separatorPending) {
                separatorPending = false;
                super.writeWordSeparator();
                if (!Float.isNaN(lineRight) && first.getXDirAdj() - lineRight >= COLUMN_GAP_EM * lineFontSize) {
                    super.writeWordSeparator();
                }
            }
            super.writeString(text, positions);
            TextPosition last = positions.get(positions.size() - 1);
            lineRight = last.getXDirAdj() + last.getWidthDirAdj();
            lineFontSize = Math.max(first.getFontSizeInPt(), last.getFontSizeInPt());
        }

        @Override
        protected void writeLineSeparator() throws IOException {
            endLine();
            super.writeLineSeparator();
        }

        @Override
        protected void writePageEnd() throws IOException {
            endLine(); // the page's last line may wrap onto the next page
            super.writePageEnd();
        }

        private void endLine() throws IOException {
            if (!Float.isNaN(lineRight) && lineRight > 0) {
                Writer out = getOutput();
                out.write(LINE_NOTE);
                out.write(Integer.toString(Math.round(lineRight * 10)));
                out.write(',');
                out.write(Integer.toString(Math.round(lineFontSize * 10)));
                out.write(LINE_NOTE_END);
            }
            lineRight = Float.NaN;
            separatorPending = false;
        }

        @Override
        protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
            if (++operators > budget.maxOperatorsPerPage()) {
                throw new BudgetExceeded("TEXT_BUDGET_EXCEEDED: page " + pageNumber + " runs more than "
                        + budget.maxOperatorsPerPage() + " content-stream operators");
            }
            if ((operators & 0x3FF) == 0) {
                checkTime();
            }
            if (cropBox != null) {
                collectRule(operator.getName(), operands);
            }
            super.processOperator(operator, operands);
        }

        /** Feeds path construction and painting operators to the page's {@link CentredRowLabels.Rules}. */
        private void collectRule(String op, List<COSBase> operands) {
            switch (op) {
                case "m", "l" -> {
                    if (operands.size() >= 2
                            && operands.get(0) instanceof COSNumber x
                            && operands.get(1) instanceof COSNumber y) {
                        Point2D.Float p = toPage(x.floatValue(), y.floatValue());
                        if (op.equals("m")) {
                            rules.moveTo(p.x, p.y);
                        } else {
                            rules.lineTo(p.x, p.y);
                        }
                    }
                }
                case "c", "v", "y" -> {
                    if (operands.size() >= 2
                            && operands.get(operands.size() - 2) instanceof COSNumber x
                            && operands.get(operands.size() - 1) instanceof COSNumber y) {
                        Point2D.Float p = toPage(x.floatValue(), y.floatValue());
                        rules.curveTo(p.x, p.y);
                    }
                }
                case "re" -> {
                    if (operands.size() >= 4
                            && operands.get(0) instanceof COSNumber x
                            && operands.get(1) instanceof COSNumber y
                            && operands.get(2) instanceof COSNumber w
                            && operands.get(3) instanceof COSNumber h) {
                        float x0 = x.floatValue();
                        float y0 = y.floatValue();
                        float x1 = x0 + w.floatValue();
                        float y1 = y0 + h.floatValue();
                        Point2D.Float a = toPage(x0, y0);
                        Point2D.Float b = toPage(x1, y0);
                        Point2D.Float c = toPage(x1, y1);
                        Point2D.Float d = toPage(x0, y1);
                        rules.rectangle(new float[] {a.x, b.x, c.x, d.x}, new float[] {a.y, b.y, c.y, d.y});
                    }
                }
                case "h" -> rules.closePath();
                case "S" -> rules.paint(true, false);
                case "s" -> {
                    rules.closePath();
                    rules.paint(true, false);
                }
                case "f", "F", "f*" -> rules.paint(false, true);
                case "B", "B*" -> rules.paint(true, true);
                case "b", "b*" -> {
                    rules.closePath();
                    rules.paint(true, true);
                }
                case "n" -> rules.discard();
                default -> {
                    // not a path operator
                }
            }
        }

        /** A user-space point in the glyphs' page coordinates: from the crop box's left and top. */
        private Point2D.Float toPage(float x, float y) {
            Matrix ctm = getGraphicsState().getCurrentTransformationMatrix();
            Point2D.Float p = ctm.transformPoint(x, y);
            p.x -= cropBox.getLowerLeftX();
            p.y = cropBox.getUpperRightY() - p.y;
            return p;
        }

        @Override
        protected void processTextPosition(TextPosition text) {
            if (++glyphs > budget.maxGlyphsPerPage()) {
                throw new BudgetExceeded("TEXT_BUDGET_EXCEEDED: page " + pageNumber + " shows more than "
                        + budget.maxGlyphsPerPage() + " glyphs");
            }
            if ((glyphs & 0x3FF) == 0) {
                checkTime();
            }
            super.processTextPosition(text);
        }

        private void checkTime() {
            if (System.nanoTime() - deadline > 0) {
                throw new BudgetExceeded("TEXT_BUDGET_EXCEEDED: extraction took longer than "
                        + budget.timeout().toSeconds() + " s (stopped on page " + pageNumber + ")");
            }
        }

        /**
         * Decodes every non-image stream reachable from the page into a counter, so a compressed stream that would
         * inflate past the budget is refused before PDFBox inflates it into memory.
         */
        private void checkStreams(COSDictionary page) throws IOException {
            Deque<COSBase> todo = new ArrayDeque<>();
            Set<COSBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            // a content stream is read as one whatever its dictionary claims: "/Subtype /Image" does not exempt it
            // (PDFBox streams a lone Flate content stream without buffering it, but buffers each of its tokens)
            COSBase contents = page.getDictionaryObject(COSName.CONTENTS);
            List<COSBase> contentItems = new ArrayList<>();
            if (contents instanceof COSArray array) {
                array.forEach(contentItems::add);
            } else {
                contentItems.add(contents);
            }
            for (COSBase c : contentItems) {
                COSBase item = c instanceof COSObject o ? o.getObject() : c;
                if (item instanceof COSStream s && checkedStreams.add(s)) {
                    checkDecodedSize(s);
                }
            }
            todo.add(
                    page.getDictionaryObject(COSName.CONTENTS) == null
                            ? new COSDictionary()
                            : page.getDictionaryObject(COSName.CONTENTS));
            COSBase resources = page.getDictionaryObject(COSName.RESOURCES);
            if (resources != null) {
                todo.add(resources);
            }
            while (!todo.isEmpty()) {
                COSBase item = todo.poll();
                if (item instanceof COSObject o) {
                    item = o.getObject();
                }
                if (item == null || !seen.add(item)) {
                    continue;
                }
                if (item instanceof COSStream s) {
                    if (!COSName.IMAGE.equals(s.getCOSName(COSName.SUBTYPE)) && checkedStreams.add(s)) {
                        checkDecodedSize(s);
                    }
                }
                if (item instanceof COSDictionary d) {
                    for (COSName key : d.keySet()) {
                        if (!COSName.PARENT.equals(key)) {
                            todo.add(d.getItem(key));
                        }
                    }
                } else if (item instanceof COSArray a) {
                    a.forEach(todo::add);
                }
            }
        }

        private void checkDecodedSize(COSStream stream) throws IOException {
            List<COSName> filters = new ArrayList<>();
            COSBase f = stream.getFilters();
            if (f instanceof COSName n) {
                filters.add(n);
            } else if (f instanceof COSArray a) {
                for (int i = 0; i < a.size(); i++) {
                    if (a.getObject(i) instanceof COSName n) {
                        filters.add(n);
                    }
                }
            }
            if (filters.isEmpty() || filters.stream().anyMatch(IMAGE_FILTERS::contains)) {
                return; // not compressed (its size is its file size), or an image
            }
            long cap = budget.maxDecodedStreamBytes();
            byte[] stage = null;
            for (int i = 0; i < filters.size(); i++) {
                Filter filter = FilterFactory.INSTANCE.getFilter(filters.get(i));
                boolean last = i == filters.size() - 1;
                CappedSink sink = new CappedSink(cap, !last);
                try (InputStream in =
                        stage == null ? stream.createRawInputStream() : new java.io.ByteArrayInputStream(stage)) {
                    filter.decode(in, sink, stream, i);
                } catch (BudgetExceeded e) {
                    throw new BudgetExceeded("TEXT_BUDGET_EXCEEDED: a stream of page " + pageNumber
                            + " decodes to more than " + cap + " bytes");
                } catch (IOException e) {
                    return; // a damaged stream: PDFBox itself reports (or tolerates) it when it reads the page
                }
                stage = last ? null : sink.bytes();
            }
        }
    }

    /** Counts what a filter writes and stops it past the cap; keeps the bytes only for a next filter stage. */
    private static final class CappedSink extends OutputStream {
        private final long cap;
        private final java.io.ByteArrayOutputStream kept;
        private long count;

        CappedSink(long cap, boolean keep) {
            this.cap = cap;
            this.kept = keep ? new java.io.ByteArrayOutputStream() : null;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
            if (count > cap) {
                throw new BudgetExceeded("decoded stream over the cap");
            }
            if (kept != null) {
                kept.write(b, off, len);
            }
        }

        byte[] bytes() {
            return kept.toByteArray();
        }
    }

    /** The stripper's output split into pages, refusing more once {@code maxChars} were collected. */
    private static final class PageCollector extends Writer {
        private final long maxChars;
        private final List<String> pages = new ArrayList<>();
        private final StringBuilder current = new StringBuilder();
        private long total;
        private boolean full;

        PageCollector(long maxChars) {
            this.maxChars = maxChars;
        }

        @Override
        public void write(char[] cbuf, int off, int len) {
            current.append(cbuf, off, len);
            total += len;
            int end;
            while ((end = current.indexOf(PAGE_END)) >= 0) {
                pages.add(current.substring(0, end));
                current.delete(0, end + PAGE_END.length());
                if (total >= maxChars) {
                    full = true;
                    throw new TextBudgetReached();
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}

        List<String> pages() {
            List<String> all = new ArrayList<>(pages);
            if (!current.isEmpty()) {
                all.add(current.toString());
            }
            return all;
        }

        boolean full() {
            return full;
        }
    }
}
