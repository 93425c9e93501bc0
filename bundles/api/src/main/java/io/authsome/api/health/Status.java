package io.authsome.api.health;

/** Outcome of one health check finding, in increasing severity. */
public enum Status {
    OK, WARN, FAIL
}
