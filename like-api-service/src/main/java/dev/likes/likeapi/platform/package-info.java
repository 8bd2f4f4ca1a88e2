/** The platform's post lifecycle topic: registering and deleting posts from the events of the platform that owns them. */
package dev.likes.likeapi.platform;
