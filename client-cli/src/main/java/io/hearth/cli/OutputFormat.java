package io.hearth.cli;

/** How commands print leads; chosen with {@code --output}. */
enum OutputFormat {
    TABLE,
    JSON
}
