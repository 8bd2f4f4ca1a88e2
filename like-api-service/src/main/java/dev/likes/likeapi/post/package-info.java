/** Posts: registering one, reading it with its like count, and knowing who owns it. */
package dev.likes.likeapi.post;
