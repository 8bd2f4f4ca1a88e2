/** Measuring aids: a no-op endpoint that shows what the HTTP stack alone costs on the same server settings. */
package dev.likes.likeapi.benchmark;
