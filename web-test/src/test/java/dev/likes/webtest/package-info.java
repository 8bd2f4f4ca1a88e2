/** The web page in a real browser against the real services, all in one test JVM. */
package dev.likes.webtest;
