package dev.likes.likeapi.page;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the page finds the services it calls besides this one; the browser calls them directly (cross-origin, so they
 * must allow the page's origin).
 *
 * @param feedUrl feed-service's base URL; empty: the page's own host on port 8084
 * @param notificationsUrl notification-service's base URL; empty: the page's own host on port 8083
 */
@ConfigurationProperties("likes.web")
record WebPageProperties(String feedUrl, String notificationsUrl) {}
