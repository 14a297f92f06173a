package io.pilu.ingest.document;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * HTML announcement text through jsoup: one line per block element (paragraph, heading, list item, table row, br),
 * cells of a row separated by a space, scripts and styles ignored, then {@link ChineseTextCleaner#cleanBlocks}.
 */
final class HtmlTextExtractor {

    private static final Set<String> BLOCKS = Set.of(
            "p",
            "div",
            "br",
            "li",
            "tr",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "table",
            "section",
            "article",
            "header",
            "footer",
            "pre",
            "blockquote",
            "dt",
            "dd");

    private final ChineseTextCleaner cleaner;

    HtmlTextExtractor(ChineseTextCleaner cleaner) {
        this.cleaner = cleaner;
    }

    ExtractedText extract(Path file, ExtractionBudget budget) throws DocumentExtractionException {
        long size;
        try {
            size = java.nio.file.Files.size(file);
        } catch (IOException e) {
            throw new DocumentExtractionException(
                    DocumentExtractionException.Kind.UNREADABLE, "cannot read the HTML document: " + e.getMessage(), e);
        }
        if (size > budget.maxHtmlBytes()) {
            // jsoup's DOM of a page of small paragraphs takes 10 to 20 times the file in heap: refuse before parsing
            throw new DocumentExtractionException(
                    DocumentExtractionException.Kind.TEXT_BUDGET_EXCEEDED,
                    "TEXT_BUDGET_EXCEEDED: HTML document of " + size + " bytes is over the " + budget.maxHtmlBytes()
                            + "-byte HTML budget");
        }
        Document document;
        try {
            // charset null: jsoup reads the BOM or <meta charset>, else UTF-8 (older BSE HTML pages declare GBK).
            document = Jsoup.parse(file.toFile(), null);
        } catch (IOException e) {
            throw new DocumentExtractionException(
                    DocumentExtractionException.Kind.UNREADABLE, "not a readable HTML document: " + e.getMessage(), e);
        }
        document.select("script, style, noscript").remove();
        StringBuilder sb = new StringBuilder();
        NodeTraversor.traverse(
                new NodeVisitor() {
                    @Override
                    public void head(Node node, int depth) {
                        if (node instanceof TextNode text) {
                            sb.append(text.getWholeText());
                        } else if (node instanceof Element el) {
                            if (BLOCKS.contains(el.normalName())) {
                                sb.append('\n');
                            } else if ("td".equals(el.normalName()) || "th".equals(el.normalName())) {
                                sb.append(' ');
                            }
                        }
                    }

                    @Override
                    public void tail(Node node, int depth) {
                        if (node instanceof Element el && BLOCKS.contains(el.normalName())) {
                            sb.append('\n');
                        }
                    }
                },
                document.body() == null ? document : document.body());
        String text = cleaner.cleanBlocks(sb.toString());
        if (text.isBlank()) {
            throw new DocumentExtractionException(
                    DocumentExtractionException.Kind.NO_TEXT, "HTML document has no text");
        }
        boolean truncated = text.length() > budget.maxTextChars();
        if (truncated) {
            int end = budget.maxTextChars();
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--; // never split a surrogate pair
            }
            text = text.substring(0, end);
        }
        return new ExtractedText(text, null, truncated);
    }
}
