/**
 * What browsers see on every answer: the security headers (also on errors, also on services without Spring Security)
 * and the CORS allow-list, answered before authentication so a preflight never meets a 401.
 */
package dev.likes.kit.http;
