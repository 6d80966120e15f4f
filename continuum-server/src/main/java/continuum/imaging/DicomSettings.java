package continuum.imaging;

import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import continuum.platform.TlsContexts;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The server's DICOM AE ({@code continuum.dicom.*}; {@code CONTINUUM_DICOM_PORT},
 * {@code CONTINUUM_DICOM_ADDRESS}, {@code CONTINUUM_DICOM_AE_TITLE},
 * {@code CONTINUUM_DICOM_TLS_PORT}, {@code CONTINUUM_DICOM_TLS_KEYSTORE},
 * {@code CONTINUUM_DICOM_TLS_PASSWORD}, {@code CONTINUUM_DICOM_TLS_BUNDLE}). Port 0 takes
 * a free port (tests); the TLS acceptor (PS3.15 §B.1) runs only when a key store or an
 * SSL bundle (e.g. {@code server}, the server's own) is configured. Callers whose AE
 * title is not a known peer ({@link DicomPeers}) are rejected unless
 * {@code accept-unknown-callers} ({@code CONTINUUM_DICOM_ACCEPT_UNKNOWN_CALLERS}).
 */
@Validated
@ConfigurationProperties("continuum.dicom")
record DicomSettings(@DefaultValue("true") boolean enabled, @DefaultValue("0.0.0.0") String address,
		@Min(0) @Max(65535) @DefaultValue("11112") int port,
		@Pattern(regexp = "[\\x20-\\x5B\\x5D-\\x7E]{1,16}") @DefaultValue("CONTINUUM") String aeTitle,
		@Min(1) @Max(1000) @DefaultValue("50") int maxAssociations, @DefaultValue("30s") Duration artimTimeout,
		@DefaultValue("5m") Duration idleTimeout, @DefaultValue("false") boolean acceptUnknownCallers,
		@Valid @DefaultValue Tls tls) {

	DicomSettings {
		if (aeTitle.isBlank()) {
			throw new IllegalArgumentException("continuum.dicom.ae-title must not be blank");
		}
		if (idleTimeout.isNegative() || idleTimeout.isZero()) {
			throw new IllegalArgumentException("continuum.dicom.idle-timeout must be positive");
		}
	}

	/**
	 * DICOM over TLS on {@code port} when {@code keystore} is set; with
	 * {@code need-client-auth} ({@code CONTINUUM_DICOM_TLS_NEED_CLIENT_AUTH}), a caller
	 * must present a certificate {@code truststore}
	 * ({@code CONTINUUM_DICOM_TLS_TRUSTSTORE}, default the key store) trusts, else the
	 * TLS handshake fails. The trust store is also what this AE trusts when it calls a
	 * peer marked TLS.
	 */
	record Tls(@Min(0) @Max(65535) @DefaultValue("2762") int port, @Nullable Path keystore,
			@DefaultValue("") String password, @DefaultValue("PKCS12") String keystoreType,
			@DefaultValue("false") boolean needClientAuth, @Nullable Path truststore,
			@DefaultValue("") String truststorePassword, @Nullable String bundle) {

		Tls {
			if (keystore != null && bundle != null) {
				throw new IllegalArgumentException(
						"Set either continuum.dicom.tls.keystore or continuum.dicom.tls.bundle, not both");
			}
			if (needClientAuth && keystore == null && bundle == null) {
				throw new IllegalArgumentException("continuum.dicom.tls.need-client-auth needs "
						+ "continuum.dicom.tls.keystore or continuum.dicom.tls.bundle (the TLS acceptor's key)");
			}
		}

		boolean configured() {
			return keystore != null || bundle != null;
		}

		/**
		 * The acceptor's TLS context from the named Spring Boot SSL bundle
		 * ({@code bundle}, e.g. {@code server}: the server's HTTPS key and certificate,
		 * trusting what the bundle trusts), else from the key store.
		 */
		SSLContext context(SslBundles bundles) {
			return bundle != null ? bundles.getBundle(bundle).createSslContext() : context();
		}

		/** {@link #clientContext()} from the named bundle when one is set. */
		SSLContext clientContext(SslBundles bundles) {
			return bundle != null ? bundles.getBundle(bundle).createSslContext() : clientContext();
		}

		/**
		 * The TLS context of the DICOM TLS acceptor (PS3.15 §B.1, The Basic TLS Secure
		 * Transport Connection Profile): the AE's key and certificate, and the
		 * certificates it trusts — callers' when {@code need-client-auth} is on — (the
		 * key store's own when no trust store is set).
		 */
		SSLContext context() {
			if (keystore == null) {
				throw new IllegalStateException("continuum.dicom.tls.keystore is not set");
			}
			return truststore == null
					? TlsContexts.of(keystore, password.toCharArray(), keystoreType, keystore, password.toCharArray())
					: TlsContexts.of(keystore, password.toCharArray(), keystoreType, truststore,
							truststorePassword.toCharArray());
		}

		/**
		 * The TLS context to call a peer marked TLS with: the acceptor's when a key store
		 * is configured (the peer may ask for this AE's certificate); else no key,
		 * trusting the trust store when one is set and the JDK's trusted certificates
		 * otherwise.
		 */
		SSLContext clientContext() {
			return configured() ? context()
					: TlsContexts.of(null, new char[0], keystoreType, truststore, truststorePassword.toCharArray());
		}

	}

}
