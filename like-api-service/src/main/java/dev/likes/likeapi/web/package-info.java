/** Cross-cutting web concerns: bearer-token security, RFC 9457 problem bodies, request limits, trace ids. */
package dev.likes.likeapi.web;
