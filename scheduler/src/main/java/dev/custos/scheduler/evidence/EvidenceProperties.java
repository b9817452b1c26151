package dev.custos.scheduler.evidence;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code custos.evidence.*}: the installation's Ed25519 key that signs every bundle's manifest
 * (written by {@code custos evidence key create FILE}); without it nothing is exported.
 */
@ConfigurationProperties("custos.evidence")
record EvidenceProperties(Path signingKey) {
}
