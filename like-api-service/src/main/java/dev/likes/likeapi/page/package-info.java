/** The web page at {@code /} (static ES modules and CSS) and the little configuration it reads. */
package dev.likes.likeapi.page;
