package org.continuum.dicom.tool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * DICOM over TLS (PS3.15 §B.1) for the tools. {@code --tls KEYSTORE.p12}: this side's key
 * and certificate (the client certificate of an SCU, the server certificate of storescp),
 * whose password must be given: {@code --tls-password}, {@code --tls-password-file} or
 * the environment variable {@value #PASSWORD_VARIABLE} (there is no default password).
 * {@code --tls-trust FILE}: the trusted certificates (PEM, or PKCS#12 opened with
 * {@code --tls-trust-password}, default the key store's password); by default the
 * certificates of the key store itself. An SCU may use {@code --tls-trust} alone (TLS
 * without a client certificate). An SCU checks that the peer's certificate names the host
 * it called (RFC 9110 §4.3.4 rules, as HTTPS does) unless {@code --tls-no-host-check}.
 */
final class TlsOptions {

	static final String PASSWORD_VARIABLE = "CONTINUUM_DICOM_TLS_PASSWORD";

	static final Set<String> OPTIONS = Set.of("tls", "tls-password", "tls-password-file", "tls-trust",
			"tls-trust-password");

	static final Set<String> FLAGS = Set.of("tls-no-host-check");

	static final String HELP = """
			  --tls FILE.p12            use TLS with my key and certificate in this PKCS#12 file
			                            (an SCU's client certificate)
			  --tls-password PW         its password (or --tls-password-file FILE, or the environment
			                            variable CONTINUUM_DICOM_TLS_PASSWORD); required with --tls
			  --tls-trust FILE          trusted peer certificates: PEM, or PKCS#12 (--tls-trust-password,
			                            default the --tls password); default: the --tls file's certificates
			  --tls-no-host-check       (SCU) do not check that the peer's certificate names --host
			""";

	private TlsOptions() {
	}

	/** The TLS context these options ask for; null: no TLS. */
	static @Nullable SSLContext context(Options o, boolean client) throws IOException, UsageException {
		String keyStore = o.get("tls", null);
		String trustFile = o.get("tls-trust", null);
		if (keyStore == null && (trustFile == null || !client)) {
			if (trustFile != null) {
				throw new UsageException("--tls-trust needs --tls (the key and certificate I listen with)");
			}
			return null;
		}
		char[] password = keyStore == null ? null : password(o);
		try {
			KeyManagerFactory keys = null;
			if (keyStore != null) {
				keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keys.init(load(Path.of(keyStore), password), password);
			}
			KeyStore trust = trustFile != null ? trust(Path.of(trustFile), o, password)
					: load(Path.of(keyStore), password);
			var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			tmf.init(trust);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keys == null ? null : keys.getKeyManagers(), tmf.getTrustManagers(), null);
			return client && !o.has("tls-no-host-check") ? HostCheckingContext.of(context) : context;
		}
		catch (GeneralSecurityException e) {
			throw new IOException("TLS setup from " + (keyStore != null ? keyStore : trustFile) + " failed: "
					+ e.getClass().getSimpleName(), e);
		}
	}

	private static char[] password(Options o) throws UsageException, IOException {
		String given = o.get("tls-password", null);
		if (given != null) {
			return given.toCharArray();
		}
		String file = o.get("tls-password-file", null);
		if (file != null) {
			String first = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8).stream().findFirst().orElse("");
			return first.strip().toCharArray();
		}
		String variable = System.getenv(PASSWORD_VARIABLE);
		if (variable != null) {
			return variable.toCharArray();
		}
		throw new UsageException(
				"--tls needs the key store's password: --tls-password, --tls-password-file or " + PASSWORD_VARIABLE);
	}

	private static KeyStore trust(Path file, Options o, char @Nullable [] keyPassword)
			throws IOException, GeneralSecurityException {
		byte[] content = Files.readAllBytes(file);
		if (new String(content, 0, Math.min(content.length, 64), StandardCharsets.US_ASCII).contains("-----BEGIN")) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			int n = 0;
			for (Certificate certificate : CertificateFactory.getInstance("X.509")
				.generateCertificates(new java.io.ByteArrayInputStream(content))) {
				store.setCertificateEntry("trusted-" + n++, certificate);
			}
			return store;
		}
		String trustPassword = o.get("tls-trust-password", null);
		return load(file,
				trustPassword != null ? trustPassword.toCharArray() : keyPassword != null ? keyPassword : new char[0]);
	}

	private static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(file)) {
			store.load(in, password);
		}
		return store;
	}

}
