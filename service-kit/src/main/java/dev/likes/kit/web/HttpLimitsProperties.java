package dev.likes.kit.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** @param maxBodySize the largest request body a service reads; a larger declared one is a 413 before it is read */
@ConfigurationProperties("likes.http")
public record HttpLimitsProperties(@DefaultValue("16KB") DataSize maxBodySize) {}
