/**
 * The transactional outbox: a like's event is written in the like's own transaction, and one relay at a time
 * publishes the rows to Kafka in order, marks them sent, and later deletes them.
 */
package dev.likes.likeapi.outbox;
