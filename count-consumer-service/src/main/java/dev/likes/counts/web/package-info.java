/** Cross-cutting web concerns of this service: the operator endpoints' authentication and their problems. */
package dev.likes.counts.web;
