/** Liking and unliking: the state change and its event, in one transaction, only when the state really changed. */
package dev.likes.likeapi.like;
