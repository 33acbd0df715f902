package dev.sandpod.cli;

/** How list and inspect commands print: a table for people, JSON for scripts. */
enum OutputFormat {
    TABLE, JSON
}
