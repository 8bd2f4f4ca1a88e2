/** The broker as a health contributor. */
package dev.likes.kit.kafka;
