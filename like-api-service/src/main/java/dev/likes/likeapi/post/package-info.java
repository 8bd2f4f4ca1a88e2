/** Posts: registering and deleting them (one by one or in bulk), reading one with its like count, and knowing who owns it. */
package dev.likes.likeapi.post;
