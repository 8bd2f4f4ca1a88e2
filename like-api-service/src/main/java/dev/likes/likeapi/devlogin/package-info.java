/** Signing in on a developer's machine: a token for any user name, only where {@code LIKES_DEV_LOGIN=true}. */
package dev.likes.likeapi.devlogin;
