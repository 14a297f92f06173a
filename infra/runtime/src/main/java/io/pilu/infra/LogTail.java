package io.pilu.infra;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines a child process wrote to its log file, for error messages. */
final class LogTail {

    /** Read at most this much from the end of the file: the lines that explain a failure are the last ones. */
    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {}

    /** The last {@code lines} lines written at or after byte {@code fromOffset}; a note instead if unreadable. */
    static String of(Path file, long fromOffset, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no log file " + file + ")";
            }
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                long length = raf.length();
                long start = Math.max(Math.min(fromOffset, length), length - MAX_BYTES);
                byte[] bytes = new byte[(int) (length - start)];
                raf.seek(start);
                raf.readFully(bytes);
                return lastLines(new String(bytes, StandardCharsets.UTF_8), lines);
            }
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    static String lastLines(String text, int lines) {
        List<String> all = Arrays.asList(text.split("\\R"));
        int from = Math.max(0, all.size() - lines);
        return String.join(System.lineSeparator(), all.subList(from, all.size()));
    }
}
