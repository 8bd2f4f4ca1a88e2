/**
 * The cross-cutting parts every service would otherwise copy, as Spring Boot auto-configuration: a condition, not a
 * copy, decides what a service gets. No domain code lives here.
 */
package dev.likes.kit;
