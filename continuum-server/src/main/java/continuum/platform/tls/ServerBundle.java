package continuum.platform.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;

import continuum.platform.PlatformSettings;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.ssl.jks.JksSslStoreBundle;
import org.springframework.boot.ssl.jks.JksSslStoreDetails;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * Registers the server's TLS key material as the SSL bundle {@value #NAME}: the
 * configured PEM files or PKCS#12 key store, else the local CA's server certificate
 * ({@link LocalCertificates}), whose trust store is the local CA. HTTPS uses it, and so
 * do the MLLP and DICOM TLS listeners unless they name another bundle. TLS 1.2 and 1.3
 * only, with forward-secret AEAD cipher suites (RFC 9325 §4.2).
 */
class ServerBundle implements SslBundleRegistrar {

	/** The bundle's name. */
	static final String NAME = "server";

	static final String[] PROTOCOLS = { "TLSv1.3", "TLSv1.2" };

	static final String[] CIPHERS = { "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
			"TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
			"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
			"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
			"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256" };

	private static final Logger log = LoggerFactory.getLogger(ServerBundle.class);

	private final TlsSettings settings;

	private final Path directory;

	private final Clock clock;

	private LocalCertificates.@Nullable Material local;

	ServerBundle(TlsSettings settings, PlatformSettings platform, Clock clock) {
		this.settings = settings;
		this.directory = Path.of(platform.data().dir()).toAbsolutePath().normalize().resolve("tls");
		this.clock = clock;
	}

	@Override
	public void registerBundles(SslBundleRegistry registry) {
		SslStoreBundle stores = stores();
		SslBundleKey key = local != null ? SslBundleKey.of(null, NAME) : SslBundleKey.NONE;
		registry.registerBundle(NAME, SslBundle.of(stores, key, SslOptions.of(CIPHERS, PROTOCOLS)));
	}

	/** The local CA and its file, when the server's certificate is the local CA's. */
	LocalCertificates.@Nullable Material local() {
		return local;
	}

	private SslStoreBundle stores() {
		if (settings.certificate() != null) {
			log.info("TLS: the server's certificate is {}", settings.certificate());
			return new PemSslStoreBundle(new PemSslStoreDetails(null, null, null, location(settings.certificate()),
					location(settings.privateKey()), null), null);
		}
		if (settings.keystore() != null) {
			log.info("TLS: the server's key store is {}", settings.keystore());
			return new JksSslStoreBundle(
					new JksSslStoreDetails("PKCS12", null, location(settings.keystore()), settings.keystorePassword()),
					null);
		}
		Set<String> names = LocalCertificates.defaultNames(settings.names());
		LocalCertificates.Material material = new LocalCertificates(directory, clock).load(names);
		local = material;
		try {
			String password = UUID.randomUUID().toString();
			KeyStore keys = KeyStore.getInstance("PKCS12");
			keys.load(null, null);
			keys.setKeyEntry(NAME, material.key(), password.toCharArray(),
					material.chain().toArray(Certificate[]::new));
			KeyStore trust = KeyStore.getInstance("PKCS12");
			trust.load(null, null);
			trust.setCertificateEntry("local-ca", material.authority());
			return SslStoreBundle.of(keys, password, trust);
		}
		catch (GeneralSecurityException | java.io.IOException ex) {
			throw new IllegalStateException("The local TLS key could not be put in a key store", ex);
		}
	}

	private static String location(@Nullable String path) {
		return Path.of(path).toAbsolutePath().toUri().toString();
	}

}
