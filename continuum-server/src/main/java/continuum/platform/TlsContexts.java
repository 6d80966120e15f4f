package continuum.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;

/**
 * TLS contexts of the server's listeners and clients (MLLP, DICOM), from key and trust
 * stores on disk.
 */
public final class TlsContexts {

	private TlsContexts() {
	}

	/**
	 * A TLS context with this key store's key (null: none) and this trust store's
	 * certificates (null: the JDK's).
	 */
	public static SSLContext of(@Nullable Path keyStore, char[] keyPassword, String type, @Nullable Path trustStore,
			char[] trustPassword) {
		try {
			KeyManagerFactory keys = null;
			if (keyStore != null) {
				keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keys.init(load(keyStore, keyPassword, type), keyPassword);
			}
			TrustManagerFactory trust = null;
			if (trustStore != null) {
				trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
				trust.init(load(trustStore, trustPassword, type));
			}
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(),
					null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("The TLS key or trust store could not be read (" + ex.getClass().getName()
					+ "); check its path, type and password", ex);
		}
	}

	private static KeyStore load(Path path, char[] password, String type) throws GeneralSecurityException, IOException {
		KeyStore store = KeyStore.getInstance(type);
		try (InputStream in = Files.newInputStream(path)) {
			store.load(in, password);
		}
		return store;
	}

}
