/** The public like API: posts, likes, and the transactional outbox that hands every change to Kafka. */
package dev.likes.likeapi;
