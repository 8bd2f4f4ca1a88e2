/** Fans each like event out to the owner notification, push and feed boost topics. */
package dev.likes.orchestrator;
