/** Trace ids for answers and events, and the continuation of the trace a Kafka record carries. */
package dev.likes.kit.tracing;
