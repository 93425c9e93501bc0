package io.authsome.ui.internal;

import io.authsome.api.AuthsomeException;

/**
 * The pages and actions under one first path segment ({@code providers}, {@code health}, ...).
 * Called on the dashboard's threads, concurrently.
 */
interface Section {
    /**
     * The answer to {@code request}, whose first segment is this section's.
     *
     * @return the answer, or {@code null} when there is nothing at that path (404)
     * @throws AuthsomeException what the action or the page's data ran into; the dashboard shows
     *                           it with its next step
     */
    Answer answer(Request request) throws AuthsomeException;
}
