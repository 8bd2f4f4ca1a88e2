/** Cross-cutting web concerns of this service: which paths need a bearer token. */
package dev.likes.notifications.web;
