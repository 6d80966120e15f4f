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
 * The TLS contexts of the DICOM AE (PS3.15 §B.1, The Basic TLS Secure Transport
 * Connection Profile) from {@code continuum.dicom.tls.*}: the AE's key and certificate,
 * and the certificates it trusts (the key store's own when no trust store is set) — for
 * callers' certificates when {@code need-client-auth} is on, and for peers it calls over
 * TLS.
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

	/**
	 * The TLS context to call a peer marked TLS with: the acceptor's when a key store is
	 * configured (the peer may ask for this AE's certificate); else no key, trusting the
	 * trust store when one is set and the JDK's trusted certificates otherwise.
	 */
	static SSLContext clientContext(DicomSettings.Tls tls) {
		if (tls.configured()) {
			return context(tls);
		}
		try {
			TrustManagerFactory trust = null;
			if (tls.truststore() != null) {
				trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
				trust.init(load(tls.truststore(), tls.truststorePassword().toCharArray(), tls.keystoreType()));
			}
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust == null ? null : trust.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("continuum.dicom.tls: the trust store " + tls.truststore()
					+ " cannot be used: " + ex.getClass().getSimpleName(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"continuum.dicom.tls: the trust store " + tls.truststore() + " cannot be read", ex);
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
