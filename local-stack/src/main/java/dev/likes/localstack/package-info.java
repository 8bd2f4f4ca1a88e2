/** The in-process Kafka broker of the local stack. */
package dev.likes.localstack;
