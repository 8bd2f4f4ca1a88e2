/** Live like counts as Server-Sent Events, fed by the count consumer's updates on Redis pub/sub. */
package dev.likes.likeapi.stream;
