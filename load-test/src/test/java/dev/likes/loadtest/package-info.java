/**
 * Gatling scenarios against a running Likes stack (uniform, hot post, mixed, ramp, and the no-op ceiling), each
 * followed by a correctness pass that waits for the pipeline to drain and then compares counts with like rows.
 */
package dev.likes.loadtest;
