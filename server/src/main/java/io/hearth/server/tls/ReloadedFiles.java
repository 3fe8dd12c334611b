package io.hearth.server.tls;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files the server reads again and again. When their bytes differ from the last read, the new
 * content is checked and put to use; when it cannot be used, what is in use stays in use and the
 * problem is logged once, in one line, not again every period until the files change.
 */
final class ReloadedFiles {
    private static final Logger log = LoggerFactory.getLogger(ReloadedFiles.class);

    enum Outcome {
        UNCHANGED,
        RELOADED,
        KEPT_PREVIOUS
    }

    /** Checks the files' contents (in the order of the files) and puts them to use. */
    @FunctionalInterface
    interface Loader {
        /** @return what is now in use, for the log */
        String load(List<byte[]> contents) throws UnusableTlsFileException;
    }

    private final String what;
    private final List<TlsFile> files;
    private final Loader loader;
    private List<byte[]> lastRead = List.of();
    private String lastProblem;
    private String inUse;

    ReloadedFiles(String what, List<TlsFile> files, Loader loader) {
        this.what = requireNonNull(what, "what is null");
        this.files = List.copyOf(files);
        this.loader = requireNonNull(loader, "loader is null");
    }

    /** The first load, at start: a problem is thrown, for the server to refuse to start. */
    synchronized String load() throws UnusableTlsFileException {
        List<byte[]> contents = readAll();
        inUse = loader.load(contents);
        lastRead = contents;
        return inUse;
    }

    synchronized Outcome reloadIfChanged() {
        List<byte[]> contents;
        try {
            contents = readAll();
        } catch (UnusableTlsFileException e) {
            return keepPrevious(e);
        }
        if (same(contents, lastRead)) {
            return Outcome.UNCHANGED;
        }
        lastRead = contents; // tried: a bad content is reported once, not every period
        try {
            inUse = loader.load(contents);
        } catch (UnusableTlsFileException e) {
            return keepPrevious(e);
        }
        lastProblem = null;
        log.info("TLS: reloaded the {}: now {}", what, inUse);
        return Outcome.RELOADED;
    }

    synchronized String inUse() {
        return inUse;
    }

    private Outcome keepPrevious(UnusableTlsFileException problem) {
        if (!problem.getMessage().equals(lastProblem)) {
            lastProblem = problem.getMessage();
            log.warn("TLS: the {} was not reloaded, still using {}: {}", what, inUse, problem.getMessage());
        }
        return Outcome.KEPT_PREVIOUS;
    }

    private List<byte[]> readAll() throws UnusableTlsFileException {
        List<byte[]> contents = new ArrayList<>(files.size());
        for (TlsFile file : files) {
            contents.add(file.read());
        }
        return contents;
    }

    private static boolean same(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
