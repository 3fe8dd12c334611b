package io.hearth.connector.salesforce;

import java.util.Collection;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Pieces of SOQL built from values: quoted literals and checked names, so no value can change a query. */
final class Soql {
    /** An API name of an object or field, custom ones included: {@code Email}, {@code Hearth_Touch_Id__c}. */
    private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");
    /** A record id, 15 or 18 characters. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{15}([A-Za-z0-9]{3})?");

    private Soql() {}

    static boolean isApiName(String name) {
        return name != null && API_NAME.matcher(name).matches();
    }

    static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** A quoted string literal: SOQL escapes with a backslash, never by doubling the quote. */
    static String literal(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> quoted.append("\\\\");
                case '\'' -> quoted.append("\\'");
                case '"' -> quoted.append("\\\"");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                case '\b' -> quoted.append("\\b");
                case '\f' -> quoted.append("\\f");
                default -> quoted.append(c);
            }
        }
        return quoted.append('\'').toString();
    }

    /** {@code ('a', 'b')} for an {@code IN} condition; {@code values} must not be empty. */
    static String inList(Collection<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an IN list needs at least one value");
        }
        return values.stream().map(Soql::literal).collect(Collectors.joining(", ", "(", ")"));
    }
}
