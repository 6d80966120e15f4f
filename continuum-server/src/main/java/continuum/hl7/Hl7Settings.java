package continuum.hl7;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The HL7 links out and the module's jobs ({@code continuum.hl7.*}): each outbound link's
 * peer ({@code continuum.hl7.links.<name>.host/port}, e.g.
 * {@code CONTINUUM_HL7_LINKS_MIDDLEWARE_HOST}), the sender's sweep and backoff, and when
 * a message stored but not processed (a crash between the two) is processed from the
 * store.
 */
@Validated
@ConfigurationProperties("continuum.hl7")
record Hl7Settings(@Nullable Map<String, @Valid Link> links, @DefaultValue("5s") Duration sweepInterval,
		@DefaultValue("2s") Duration backoffBase, @DefaultValue("10m") Duration backoffMax,
		@DefaultValue("30s") Duration replayAfter, @DefaultValue("30s") Duration replayInterval) {

	Hl7Settings {
		links = links == null ? Map.of() : Map.copyOf(links);
		for (Duration d : new Duration[] { sweepInterval, backoffBase, backoffMax, replayAfter, replayInterval }) {
			if (d.isNegative() || d.isZero()) {
				throw new IllegalArgumentException("continuum.hl7 durations must be positive");
			}
		}
		if (backoffMax.compareTo(backoffBase) < 0) {
			throw new IllegalArgumentException("continuum.hl7.backoff-max must be at least backoff-base");
		}
	}

	@Nullable Link link(String name) {
		return links.get(name);
	}

	/**
	 * A peer messages are sent to over MLLP: TLS when {@code tls} is set (trusting
	 * {@code truststore}, or the JDK's certificates; presenting {@code keystore}'s key
	 * when the peer asks for a client certificate).
	 */
	record Link(@NotBlank String host, @Min(1) @Max(65535) int port, @DefaultValue("false") boolean tls,
			@Nullable Path truststore, @DefaultValue("") String truststorePassword, @Nullable Path keystore,
			@DefaultValue("") String keystorePassword, @DefaultValue("PKCS12") String storeType,
			@DefaultValue("5s") Duration connectTimeout, @DefaultValue("30s") Duration ackTimeout) {
	}

}
