/** Reading a post's like count, which the count consumer keeps. */
package dev.likes.likeapi.count;
