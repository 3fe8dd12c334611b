package io.hearth.core.query;

/** One {@code field = value} term of a filter; {@code field} is lower-case. */
public record Comparison(String field, String value) {}
