package org.continuum.dicom.tool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * {@code --tls KEYSTORE.p12 [--tls-password PW] [--tls-trust TRUST.p12]}: DICOM over TLS
 * (PS3.15 §B.1) with this side's key and certificate from a PKCS#12 file; peers are
 * trusted if their certificate is in the trust store (by default the certificates of the
 * key store itself).
 */
final class TlsOptions {

	static final Set<String> OPTIONS = Set.of("tls", "tls-password", "tls-trust");
	static final String HELP = """
			  --tls FILE.p12     use TLS with the key and certificate in this PKCS#12 file
			  --tls-password PW  password of the PKCS#12 files (default changeit)
			  --tls-trust FILE   PKCS#12 file with the trusted peer certificates (default: the --tls file)
			""";

	private TlsOptions() {
	}

	static @Nullable SSLContext context(Options o) throws IOException {
		String keyStore = o.get("tls", null);
		if (keyStore == null) {
			return null;
		}
		char[] password = o.get("tls-password", "changeit").toCharArray();
		try {
			KeyStore keys = load(Path.of(keyStore), password);
			KeyStore trust = load(Path.of(o.get("tls-trust", keyStore)), password);
			var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			kmf.init(keys, password);
			var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			tmf.init(trust);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException e) {
			throw new IOException("TLS setup from " + keyStore + " failed: " + e.getMessage(), e);
		}
	}

	private static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(file)) {
			store.load(in, password);
		}
		return store;
	}

}
