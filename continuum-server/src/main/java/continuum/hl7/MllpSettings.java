package continuum.hl7;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import javax.net.ssl.SSLContext;

import jakarta.validation.constraints.Max;

import continuum.platform.TlsContexts;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The MLLP listener ({@code continuum.mllp.*}; {@code CONTINUUM_MLLP_PORT},
 * {@code CONTINUUM_MLLP_ADDRESS}, {@code CONTINUUM_MLLP_TLS_PORT},
 * {@code CONTINUUM_MLLP_TLS_KEYSTORE}, {@code CONTINUUM_MLLP_TLS_PASSWORD}). Port 0 takes
 * a free port (tests); the TLS listener runs only when a key store or an SSL bundle
 * ({@code CONTINUUM_MLLP_TLS_BUNDLE}, e.g. {@code server}: the server's own) is
 * configured.
 */
@Validated
@ConfigurationProperties("continuum.mllp")
record MllpSettings(@DefaultValue("true") boolean enabled, @DefaultValue("0.0.0.0") String address,
		@Min(0) @Max(65535) @DefaultValue("2575") int port, @Valid @DefaultValue Tls tls,
		@DefaultValue("5m") Duration idleTimeout, @DefaultValue("1MB") DataSize maxMessageSize,
		@Min(1) @Max(1000) @DefaultValue("64") int maxConnections) {

	MllpSettings {
		if (idleTimeout.isNegative() || idleTimeout.isZero()) {
			throw new IllegalArgumentException("continuum.mllp.idle-timeout must be positive");
		}
		if (maxMessageSize.toBytes() < 1024 || maxMessageSize.toBytes() > Integer.MAX_VALUE / 16) {
			throw new IllegalArgumentException("continuum.mllp.max-message-size must be between 1KB and 128MB");
		}
	}

	/**
	 * The TLS listener: on {@code port} when {@code keystore} (PKCS12 by default) is set;
	 * with {@code need-client-auth}, a client must present a certificate that
	 * {@code truststore} trusts.
	 */
	record Tls(@Min(0) @Max(65535) @DefaultValue("2576") int port, @Nullable Path keystore,
			@DefaultValue("") String password, @DefaultValue("PKCS12") String keystoreType,
			@DefaultValue("false") boolean needClientAuth, @Nullable Path truststore,
			@DefaultValue("") String truststorePassword, @Nullable String bundle) {

		Tls {
			if (keystore != null && bundle != null) {
				throw new IllegalArgumentException(
						"Set either continuum.mllp.tls.keystore or continuum.mllp.tls.bundle, not both");
			}
		}

		boolean configured() {
			return keystore != null || bundle != null;
		}

		/**
		 * The listener's TLS context: from the named Spring Boot SSL bundle
		 * ({@code bundle}, e.g. {@code server}: the server's HTTPS key and certificate,
		 * trusting what the bundle trusts), else from the key and trust stores.
		 */
		SSLContext context(SslBundles bundles) {
			return bundle != null ? bundles.getBundle(bundle).createSslContext() : TlsContexts.of(keystore,
					password.toCharArray(), keystoreType, truststore, truststorePassword.toCharArray());
		}

	}

}
