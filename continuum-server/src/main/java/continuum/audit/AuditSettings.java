package continuum.audit;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The audit log's key and its copy off the machine ({@code continuum.audit.*}): the key
 * file of the keyed chain ({@code CONTINUUM_AUDIT_KEY_FILE}, default
 * {@code <data dir>/secrets/audit-key}, generated at first start; a cluster configures
 * one file shared by its nodes), how often a signed checkpoint of the chain head goes to
 * syslog, and the IHE ATNA audit repository the log is sent to over syslog/TLS
 * ({@code CONTINUUM_AUDIT_SYSLOG_HOST}, {@code _PORT}, {@code _CA}, {@code _CERTIFICATE},
 * {@code _KEY}); no host, no export.
 */
@Validated
@ConfigurationProperties("continuum.audit")
record AuditSettings(@Valid @DefaultValue Key key, @DefaultValue("1m") Duration checkpointInterval,
		@Valid @DefaultValue Syslog syslog) {

	AuditSettings {
		if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
			throw new IllegalArgumentException("continuum.audit.checkpoint-interval must be positive");
		}
	}

	/** The chain's HMAC key: a file of 64 hexadecimal digits. */
	record Key(@Nullable String file) {
	}

	/**
	 * The audit repository (RFC 5425: syslog over TLS, port 6514 by default): {@code ca}
	 * a PEM file of the certificates to trust (none: the JDK's), {@code certificate} and
	 * {@code key} PEM files of the client certificate it may ask for. {@code site} is the
	 * AuditEnterpriseSiteID of every message, {@code sourceId} the AuditSourceID
	 * (default: {@code continuum@<host name>}).
	 */
	record Syslog(@Nullable String host, @Min(1) @Max(65535) @DefaultValue("6514") int port, @Nullable String ca,
			@Nullable String certificate, @Nullable String key, @Nullable String site, @Nullable String sourceId,
			@DefaultValue("5s") Duration sweepInterval, @DefaultValue("5s") Duration connectTimeout) {

		boolean enabled() {
			return host != null && !host.isBlank();
		}

	}

}
