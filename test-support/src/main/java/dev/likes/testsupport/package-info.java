/** Real PostgreSQL, Redis and Kafka for integration tests, chosen once per JVM: containers or local services. */
package dev.likes.testsupport;
