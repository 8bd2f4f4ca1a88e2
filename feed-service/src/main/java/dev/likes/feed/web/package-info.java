/** Cross-cutting web concerns: RFC 9457 problem bodies and trace ids. */
package dev.likes.feed.web;
