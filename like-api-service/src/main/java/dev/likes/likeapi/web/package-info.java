/** Cross-cutting web concerns of this service: which paths need a token, and the request body limit. */
package dev.likes.likeapi.web;
