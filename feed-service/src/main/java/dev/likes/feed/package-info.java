/** Keeps each post's decayed hot score from like events and serves trending posts. */
package dev.likes.feed;
