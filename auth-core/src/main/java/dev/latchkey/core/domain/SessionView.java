package dev.latchkey.core.domain;

/** A session as its owner sees it in the session list; {@code current} marks the caller's own. */
public record SessionView(Session session, boolean current) {
}
