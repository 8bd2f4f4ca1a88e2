/** Freshness: the age of the oldest like this service has received and not yet processed, as a gauge. */
package dev.likes.feed.freshness;
