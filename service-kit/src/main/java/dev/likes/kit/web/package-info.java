/**
 * RFC 9457 answers for every error: the advice for Spring MVC's and the domain's exceptions, the writer the security
 * handlers and filters use, and the hook that counts refusals.
 */
package dev.likes.kit.web;
