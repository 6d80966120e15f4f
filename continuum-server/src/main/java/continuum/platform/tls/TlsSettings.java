package continuum.platform.tls;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Transport security of the web doors ({@code continuum.tls.*}; application.properties
 * maps the documented variables onto it: {@code CONTINUUM_HTTPS_PORT},
 * {@code CONTINUUM_HTTP_PLAIN}, {@code CONTINUUM_TRUSTED_PROXIES},
 * {@code CONTINUUM_TLS_CERTIFICATE}, {@code CONTINUUM_TLS_PRIVATE_KEY},
 * {@code CONTINUUM_TLS_KEYSTORE}, {@code CONTINUUM_TLS_KEYSTORE_PASSWORD},
 * {@code CONTINUUM_TLS_NAMES}). HTTPS answers on {@code port} (0: a free port) with the
 * configured certificate (PEM certificate chain and PKCS#8 key, or a PKCS#12 key store),
 * else with one the local CA issues for {@code names} besides the default ones. The HTTP
 * port redirects to it, except for loopback callers when {@code plain-http} is
 * {@code loopback}. Forwarded headers count only from {@code trusted-proxies} (addresses
 * and CIDR ranges).
 */
@Validated
@ConfigurationProperties("continuum.tls")
record TlsSettings(@Min(0) @Max(65535) @DefaultValue("8443") int port, @DefaultValue("none") PlainHttp plainHttp,
		@DefaultValue List<String> trustedProxies, @Nullable String certificate, @Nullable String privateKey,
		@Nullable String keystore, @Nullable String keystorePassword, @DefaultValue List<String> names) {

	/** Whom the plain HTTP port serves rather than redirects to HTTPS. */
	enum PlainHttp {

		/** Nobody: every request is redirected. */
		NONE,
		/**
		 * Callers from a loopback address (local tools, a reverse proxy on the machine).
		 */
		LOOPBACK

	}

	TlsSettings {
		certificate = blankToNull(certificate);
		privateKey = blankToNull(privateKey);
		keystore = blankToNull(keystore);
		if ((certificate == null) != (privateKey == null)) {
			throw new IllegalArgumentException(
					"CONTINUUM_TLS_CERTIFICATE and CONTINUUM_TLS_PRIVATE_KEY go together: set both or neither");
		}
		if (certificate != null && keystore != null) {
			throw new IllegalArgumentException(
					"Set either CONTINUUM_TLS_CERTIFICATE (PEM) or CONTINUUM_TLS_KEYSTORE (PKCS#12), not both");
		}
		if (keystore != null && keystorePassword == null) {
			throw new IllegalArgumentException("CONTINUUM_TLS_KEYSTORE needs CONTINUUM_TLS_KEYSTORE_PASSWORD");
		}
		trustedProxies = trustedProxies.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
		trustedProxies.forEach(AddressRange::parse);
	}

	/** Whether the server's certificate is the operator's rather than the local CA's. */
	boolean configured() {
		return certificate != null || keystore != null;
	}

	List<AddressRange> proxyRanges() {
		return trustedProxies.stream().map(AddressRange::parse).toList();
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

}
