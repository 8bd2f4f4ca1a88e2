/** Cross-cutting web concerns: bearer-token security, RFC 9457 problem bodies, trace ids. */
package dev.likes.notifications.web;
