package continuum.imaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context of the DICOM TLS acceptor (PS3.15 §B.1, The Basic TLS Secure Transport
 * Connection Profile) from {@code continuum.dicom.tls.*}: the AE's key and certificate,
 * and the certificates it trusts (the key store's own when no trust store is set).
 */
final class DicomTls {

	private DicomTls() {
	}

	static SSLContext context(DicomSettings.Tls tls) {
		Path keyStore = tls.keystore();
		if (keyStore == null) {
			throw new IllegalStateException("continuum.dicom.tls.keystore is not set");
		}
		try {
			char[] password = tls.password().toCharArray();
			var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(load(keyStore, password, tls.keystoreType()), password);
			var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(tls.truststore() == null ? load(keyStore, password, tls.keystoreType())
					: load(tls.truststore(), tls.truststorePassword().toCharArray(), tls.keystoreType()));
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("continuum.dicom.tls: the key store " + keyStore + " cannot be used: "
					+ ex.getClass().getSimpleName(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("continuum.dicom.tls: the key store " + keyStore + " cannot be read", ex);
		}
	}

	private static KeyStore load(Path path, char[] password, String type) throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance(type);
		try (InputStream in = Files.newInputStream(path)) {
			store.load(in, password);
		}
		return store;
	}

}
