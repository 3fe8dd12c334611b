package io.hearth.connector.xlsx;

import java.io.IOException;
import java.io.Reader;

/**
 * A forgiving, streaming pass over XML that keeps no more than one tag in memory: text is only
 * counted, never held. It reports element starts and ends by local name (prefixes dropped, as
 * fastexcel matches them) with the few attributes {@link WorkbookGuard} needs, and the length of
 * text in between as Java counts it (UTF-16 units, an entity as the character it stands for).
 *
 * <p>It does not check well-formedness: parts that are not well-formed XML exist in genuine
 * workbooks (Excel's legacy VML drawings), and a part that fastexcel cannot parse fails there.
 * What it refuses is only what no genuine part has: a tag longer than {@link #MAX_TAG_CHARS}, which
 * a parser would hold whole, and a document type declaration, which OPC forbids (ECMA-376 part 2)
 * and which is how entity-expansion bombs are built.
 */
final class XmlScan {
    /** Longest tag (with its attributes), processing instruction or declaration a part may have. */
    static final int MAX_TAG_CHARS = 1 << 20;
    /** Text is reported at least this often, so a bound on it trips early in a long run. */
    private static final int TEXT_REPORT_CHARS = 8192;

    private static final int MAX_ENTITY_CHARS = 16;
    // names longer than this are none the guard looks for
    private static final int KEPT_NAME_CHARS = 64;
    private static final String[] KEPT = {"r", "name", "Id", "Target", "PartName", "ContentType"};
    /** The element names the guard looks for; the scan reports any other as the empty string. */
    private static final String[] KNOWN_ELEMENTS = {
        "row", "c", "v", "f", "is", "t", "si", "sheet", "Relationship", "xf", "numFmt"
    };

    /** What the scan reports: local names from {@link #KNOWN_ELEMENTS}, else "". A handler stops it by throwing. */
    interface Handler {
        void start(String localName, Attributes attributes);

        void end(String localName);

        void text(long chars);
    }

    /** Something no genuine part has; {@link #getMessage()} says what, to follow the part's name. */
    static final class Refused extends RuntimeException {
        Refused(String what) {
            super(what, null, false, false);
        }
    }

    /**
     * The attributes of one start tag that the guard reads: {@code r} (row and cell references),
     * {@code name}, {@code Id}, {@code Target}, {@code PartName}, {@code ContentType} and any
     * prefixed {@code id}; values entity-decoded as a parser would give them. Reused tag to tag.
     */
    static final class Attributes {
        private static final int MAX = 8;
        private final String[] names = new String[MAX];
        private final String[] values = new String[MAX];
        private int count;

        /** The value of the unprefixed attribute {@code name}, or {@code null}. */
        String get(String name) {
            for (int i = 0; i < count; i++) {
                if (names[i].equals(name)) {
                    return values[i];
                }
            }
            return null;
        }

        /** The value of the first attribute {@code prefix:localName} with any prefix, or {@code null}. */
        String prefixed(String localName) {
            for (int i = 0; i < count; i++) {
                int colon = names[i].indexOf(':');
                if (colon > 0
                        && names[i].startsWith(localName, colon + 1)
                        && names[i].length() == colon + 1 + localName.length()) {
                    return values[i];
                }
            }
            return null;
        }

        private void add(String name, String value) {
            if (count < MAX) {
                names[count] = name;
                values[count] = value;
                count++;
            }
        }

        /** The name to keep {@code name} under, or {@code null} when the guard has no use for it. */
        private static String kept(CharSequence name) {
            for (String known : KEPT) {
                if (equal(name, 0, known)) {
                    return known;
                }
            }
            int colon = indexOf(name, ':');
            if (colon > 0 && equal(name, colon + 1, "id") && !equal(name, 0, "xmlns:id")) {
                return name.toString();
            }
            return null;
        }
    }

    private final Reader in;
    private final Handler handler;
    private final char[] buffer = new char[8192];
    private final Attributes attributes = new Attributes();
    private final StringBuilder token = new StringBuilder();
    private int position;
    private int limit;
    private int tagChars;

    private XmlScan(Reader in, Handler handler) {
        this.in = in;
        this.handler = handler;
    }

    /** Reads {@code in} to its end, reporting to {@code handler}. */
    static void scan(Reader in, Handler handler) throws IOException {
        new XmlScan(in, handler).run();
    }

    private void run() throws IOException {
        long text = 0;
        while (true) {
            if (position == limit && !fill()) {
                break;
            }
            char c = buffer[position];
            if (c == '<') {
                if (text > 0) {
                    handler.text(text);
                    text = 0;
                }
                position++;
                markup();
                continue;
            }
            position++;
            text += c == '&' ? entity() : 1;
            if (text >= TEXT_REPORT_CHARS) {
                handler.text(text);
                text = 0;
            }
        }
        if (text > 0) {
            handler.text(text);
        }
    }

    private void markup() throws IOException {
        tagChars = 1;
        int c = next();
        if (c == '!') {
            int kind = next();
            if (kind == '-' && startsWith("-")) {
                comment();
            } else if (kind == '[' && startsWith("CDATA[")) {
                cdata();
            } else if ((kind == 'D' || kind == 'd') && startsWithIgnoringCase("OCTYPE")) {
                throw new Refused("has a document type declaration, which no .xlsx part may have");
            } else {
                skipTo('>');
            }
        } else if (c == '?') {
            processingInstruction();
        } else if (c == '/') {
            String name = name(next());
            skipTo('>');
            handler.end(name);
        } else if (c >= 0) {
            startTag(c);
        }
    }

    private void startTag(int first) throws IOException {
        String name = name(first);
        attributes.count = 0;
        int c = next();
        while (true) {
            while (isSpace(c)) {
                c = next();
            }
            if (c < 0) {
                return;
            }
            if (c == '>') {
                handler.start(name, attributes);
                return;
            }
            if (c == '/') {
                c = next();
                if (c == '>') {
                    handler.start(name, attributes);
                    handler.end(name);
                    return;
                }
                continue;
            }
            c = attribute(c);
        }
    }

    /** Reads one attribute starting at {@code c}; returns the character after it. */
    private int attribute(int c) throws IOException {
        token.setLength(0);
        while (c >= 0 && c != '=' && c != '>' && c != '/' && !isSpace(c)) {
            if (token.length() <= KEPT_NAME_CHARS) {
                token.append((char) c);
            }
            c = next();
        }
        String name = token.length() > KEPT_NAME_CHARS ? null : Attributes.kept(token);
        while (isSpace(c)) {
            c = next();
        }
        if (c != '=') {
            return c;
        }
        c = next();
        while (isSpace(c)) {
            c = next();
        }
        boolean keep = name != null;
        token.setLength(0);
        if (c == '"' || c == '\'') {
            int quote = c;
            for (c = next(); c >= 0 && c != quote; c = next()) {
                if (keep) {
                    keepValueChar(c);
                }
            }
            c = next();
        } else {
            for (; c >= 0 && c != '>' && !isSpace(c); c = next()) {
                if (keep) {
                    keepValueChar(c);
                }
            }
        }
        if (keep) {
            attributes.add(name, token.toString());
        }
        return c;
    }

    // a parser gives whitespace in a value as spaces and entities as their characters
    private void keepValueChar(int c) throws IOException {
        if (c == '&') {
            token.append(decodeEntity());
        } else {
            token.append(isSpace(c) ? ' ' : (char) c);
        }
    }

    /** Reads an element name; returns its local name when the guard looks for it, else "". */
    private String name(int first) throws IOException {
        token.setLength(0);
        int c = first;
        while (c >= 0 && c != '>' && c != '/' && !isSpace(c)) {
            if (token.length() <= KEPT_NAME_CHARS) {
                token.append((char) c);
            }
            c = next();
        }
        if (c >= 0) {
            position--; // the delimiter belongs to the caller
            tagChars--;
        }
        int local = indexOf(token, ':') + 1;
        for (String known : KNOWN_ELEMENTS) {
            if (token.length() - local == known.length() && equal(token, local, known)) {
                return known;
            }
        }
        return "";
    }

    private static int indexOf(CharSequence text, char c) {
        for (int i = text.length() - 1; i >= 0; i--) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code text} from {@code offset} to its end is {@code expected}. */
    private static boolean equal(CharSequence text, int offset, String expected) {
        if (text.length() - offset != expected.length()) {
            return false;
        }
        for (int i = 0; i < expected.length(); i++) {
            if (text.charAt(offset + i) != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void comment() throws IOException {
        // not held by a parser that skips it; no bound but the part's size
        int dashes = 0;
        for (int c = nextUnbounded(); c >= 0; c = nextUnbounded()) {
            if (c == '>' && dashes >= 2) {
                return;
            }
            dashes = c == '-' ? dashes + 1 : 0;
        }
    }

    private void cdata() throws IOException {
        long text = 0;
        int brackets = 0;
        for (int c = nextUnbounded(); c >= 0; c = nextUnbounded()) {
            if (c == ']') {
                brackets++;
                continue;
            }
            if (c == '>' && brackets >= 2) {
                text += brackets - 2;
                break;
            }
            text += brackets + 1;
            brackets = 0;
            if (text >= TEXT_REPORT_CHARS) {
                handler.text(text);
                text = 0;
            }
        }
        if (text > 0) {
            handler.text(text);
        }
    }

    private void processingInstruction() throws IOException {
        boolean question = false;
        for (int c = next(); c >= 0; c = next()) {
            if (c == '>' && question) {
                return;
            }
            question = c == '?';
        }
    }

    private void skipTo(char end) throws IOException {
        int c = next();
        while (c >= 0 && c != end) {
            c = next();
        }
    }

    /** The length, in chars, of the entity after an {@code &}; a malformed one counts as its own text. */
    private int entity() throws IOException {
        return decodeEntity().length();
    }

    private String decodeEntity() throws IOException {
        StringBuilder name = new StringBuilder();
        while (name.length() <= MAX_ENTITY_CHARS) {
            if (position == limit && !fill()) {
                break;
            }
            char c = buffer[position];
            if (c == ';') {
                position++;
                return resolve(name.toString());
            }
            if (c == '<' || c == '&' || isSpace(c)) {
                break;
            }
            position++;
            name.append(c);
        }
        return "&" + name;
    }

    private static String resolve(String name) {
        switch (name) {
            case "lt":
                return "<";
            case "gt":
                return ">";
            case "amp":
                return "&";
            case "quot":
                return "\"";
            case "apos":
                return "'";
            default:
                break;
        }
        if (name.startsWith("#")) {
            try {
                int code = name.startsWith("#x")
                        ? Integer.parseInt(name.substring(2), 16)
                        : Integer.parseInt(name.substring(1));
                if (Character.isValidCodePoint(code)) {
                    return Character.toString(code);
                }
            } catch (NumberFormatException e) {
                // falls through: counted as written
            }
        }
        // an entity no DTD declared: a parser refuses it; as a length, one character
        return "?";
    }

    private boolean startsWith(String text) throws IOException {
        for (int i = 0; i < text.length(); i++) {
            if (next() != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean startsWithIgnoringCase(String text) throws IOException {
        for (int i = 0; i < text.length(); i++) {
            int c = next();
            if (c < 0 || Character.toUpperCase((char) c) != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The next character of the current tag, or -1 at the end; refuses a tag past {@link #MAX_TAG_CHARS}. */
    private int next() throws IOException {
        if (++tagChars > MAX_TAG_CHARS) {
            throw new Refused("has an XML tag longer than " + XlsxLimits.count(MAX_TAG_CHARS)
                    + " characters, which no spreadsheet program writes");
        }
        return nextUnbounded();
    }

    private int nextUnbounded() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++];
    }

    private boolean fill() throws IOException {
        int read;
        do {
            read = in.read(buffer, 0, buffer.length);
        } while (read == 0);
        position = 0;
        limit = Math.max(read, 0);
        return read > 0;
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
