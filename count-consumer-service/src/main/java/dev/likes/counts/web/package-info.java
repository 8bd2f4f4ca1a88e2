/** Cross-cutting web concerns: the operator endpoints' authentication and the problem+json error answers. */
package dev.likes.counts.web;
