package io.pilu.ingest.document;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.filter.DecodeOptions;
import org.apache.pdfbox.filter.DecodeResult;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;

/**
 * Caps what PDFBox may decode while a PDF is read on this thread: every stream it decodes, and all of them together.
 *
 * <p>Why here: PDFBox 3 decodes a stream wholly into the heap ({@code Filter.decode} into a
 * {@code RandomAccessReadWriteBuffer}) and does so while it loads a document, before any page is read: the
 * cross-reference stream, and every object stream ({@code /Type /ObjStm}, whatever its dictionary claims) holding an
 * object it needs. A few MB of Flate data inflating to 4 GB there ran a 768 MB heap out of memory in about 10 s
 * (with {@code -XX:+ExitOnOutOfMemoryError}, as deployed, the process died). Every such decode gets its filters from
 * {@link FilterFactory#INSTANCE}, and PDFBox offers no hook on it, so each filter in the factory's table is replaced,
 * once, by a wrapper that counts what the filter writes. The wrapper passes everything through on threads that are
 * not extracting, and costs one counter update per write on threads that are. Unlike a scan of the raw file before
 * PDFBox opens it, it also sees streams of encrypted documents (decrypted before they are decoded) and what PDFBox
 * decodes when it rebuilds a damaged file, and it decodes nothing twice.
 *
 * <p>The table is a private field of PDFBox: if a PDFBox upgrade changes it, this class fails to initialise and no
 * PDF is read (the hostile-document tests fail), rather than reading PDFs unguarded.
 */
final class DecodeGuard {

    /** Allowances of the extractions running on each thread; none outside one. */
    private static final ThreadLocal<Allowance> CURRENT = new ThreadLocal<>();
    /** Between two looks at the clock while one stream decodes. */
    private static final long CLOCK_EVERY_BYTES = 4L * 1024 * 1024;

    static {
        install();
    }

    private DecodeGuard() {}

    /**
     * Starts guarding PDFBox's decoding on this thread until the returned allowance is closed. After a budget ran
     * out, {@link Allowance#exceeded()} keeps the reason even if PDFBox swallowed the exception (it tolerates many
     * errors in a damaged file and reads on).
     */
    static Allowance open(long maxStreamBytes, long maxDocumentBytes, long deadlineNanos, long timeoutSeconds) {
        Allowance a = new Allowance(maxStreamBytes, maxDocumentBytes, deadlineNanos, timeoutSeconds);
        CURRENT.set(a);
        return a;
    }

    /** Whether PDFBox's filters are the guarded ones (they are once this class is initialised). */
    static boolean installed() {
        try {
            return FilterFactory.INSTANCE.getFilter(COSName.FLATE_DECODE) instanceof Guarded;
        } catch (IOException e) {
            return false;
        }
    }

    private static void install() {
        Map<COSName, Filter> table;
        try {
            Field f = FilterFactory.class.getDeclaredField("filters");
            f.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<COSName, Filter> t = (Map<COSName, Filter>) f.get(FilterFactory.INSTANCE);
            table = t;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot guard PDFBox's stream decoding (FilterFactory changed?): " + e, e);
        }
        // one wrapper per filter object: PDFBox maps a name and its abbreviation (/FlateDecode, /Fl) to the same one
        // and compares filters by identity to drop duplicates from a filter list
        Map<Filter, Guarded> wrappers = new IdentityHashMap<>();
        // values replaced in place: no structural change to the map PDFBox reads without a lock
        for (Map.Entry<COSName, Filter> e : table.entrySet()) {
            if (!(e.getValue() instanceof Guarded)) {
                e.setValue(wrappers.computeIfAbsent(e.getValue(), Guarded::new));
            }
        }
    }

    /** What the extraction on one thread may still decode, and the reason once it may not. */
    static final class Allowance implements AutoCloseable {
        private final long maxStreamBytes;
        private final long maxDocumentBytes;
        private final long deadlineNanos;
        private final long timeoutSeconds;
        private long documentBytes;
        private String exceeded;

        private Allowance(long maxStreamBytes, long maxDocumentBytes, long deadlineNanos, long timeoutSeconds) {
            this.maxStreamBytes = maxStreamBytes;
            this.maxDocumentBytes = maxDocumentBytes;
            this.deadlineNanos = deadlineNanos;
            this.timeoutSeconds = timeoutSeconds;
        }

        /** The reason a budget ran out while PDFBox decoded, or null. */
        String exceeded() {
            return exceeded;
        }

        private PdfTextExtractor.BudgetExceeded exceed(String reason) {
            if (exceeded == null) {
                exceeded = reason;
            }
            return new PdfTextExtractor.BudgetExceeded(reason);
        }

        @Override
        public void close() {
            CURRENT.remove();
        }
    }

    /** A filter of PDFBox's table that counts what it decodes against the allowance of the calling thread. */
    private static final class Guarded extends Filter {
        private final Filter inner;

        Guarded(Filter inner) {
            this.inner = inner;
        }

        @Override
        public DecodeResult decode(InputStream encoded, OutputStream decoded, COSDictionary parameters, int index)
                throws IOException {
            Allowance a = CURRENT.get();
            return inner.decode(encoded, a == null ? decoded : new Counted(decoded, a, parameters), parameters, index);
        }

        @Override
        public DecodeResult decode(
                InputStream encoded, OutputStream decoded, COSDictionary parameters, int index, DecodeOptions options)
                throws IOException {
            Allowance a = CURRENT.get();
            return inner.decode(
                    encoded, a == null ? decoded : new Counted(decoded, a, parameters), parameters, index, options);
        }

        @Override
        protected void encode(InputStream input, OutputStream encoded, COSDictionary parameters) throws IOException {
            inner.encode(input, encoded, parameters, 0);
        }
    }

    /** The output of one decode: stops it past the stream cap, the document cap or the deadline. */
    private static final class Counted extends FilterOutputStream {
        private final Allowance allowance;
        private final COSDictionary stream;
        private long bytes;
        private long nextClock = CLOCK_EVERY_BYTES;

        Counted(OutputStream out, Allowance allowance, COSDictionary stream) {
            super(out);
            this.allowance = allowance;
            this.stream = stream;
        }

        @Override
        public void write(int b) throws IOException {
            count(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            count(len);
            out.write(b, off, len);
        }

        private void count(int len) {
            bytes += len;
            allowance.documentBytes += len;
            if (bytes > allowance.maxStreamBytes) {
                throw allowance.exceed("TEXT_BUDGET_EXCEEDED: " + describe(stream) + " decodes to more than "
                        + allowance.maxStreamBytes + " bytes");
            }
            if (allowance.documentBytes > allowance.maxDocumentBytes) {
                throw allowance.exceed("TEXT_BUDGET_EXCEEDED: its streams decode to more than "
                        + allowance.maxDocumentBytes + " bytes in all");
            }
            if (bytes >= nextClock) {
                nextClock += CLOCK_EVERY_BYTES;
                if (System.nanoTime() - allowance.deadlineNanos > 0) {
                    throw allowance.exceed("TEXT_BUDGET_EXCEEDED: extraction took longer than "
                            + allowance.timeoutSeconds + " s (decoding " + describe(stream) + ")");
                }
            }
        }

        /** "an object stream", "a cross-reference stream" or "a stream": which one, for the record's reason. */
        private static String describe(COSDictionary stream) {
            COSName type = stream == null ? null : stream.getCOSName(COSName.TYPE);
            if (COSName.OBJ_STM.equals(type)) {
                return "an object stream";
            }
            if (COSName.XREF.equals(type)) {
                return "a cross-reference stream";
            }
            return "a stream";
        }
    }
}
