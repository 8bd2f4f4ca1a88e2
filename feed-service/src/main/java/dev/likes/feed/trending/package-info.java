/** Each post's hot score, decayed over time, kept from feed-boost events and served as the trending list. */
package dev.likes.feed.trending;
