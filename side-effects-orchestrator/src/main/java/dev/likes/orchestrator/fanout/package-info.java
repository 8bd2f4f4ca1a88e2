/** The fan-out of each like event to the owner-notification, push and feed-boost topics, and its rules. */
package dev.likes.orchestrator.fanout;
