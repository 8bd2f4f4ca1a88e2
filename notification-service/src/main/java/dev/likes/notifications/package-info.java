/** Stores owners' like notifications and sends push messages through Firebase Cloud Messaging. */
package dev.likes.notifications;
