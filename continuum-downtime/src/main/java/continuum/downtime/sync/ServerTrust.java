package continuum.downtime.sync;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates the node trusts for the server's HTTPS: those of a PEM file (the
 * server's local CA, {@code <server data>/tls/ca.crt}, or the hospital's CA). The host
 * name is still checked against the server's certificate.
 */
final class ServerTrust {

	private ServerTrust() {
	}

	static SSLContext trusting(Path pemFile) {
		try (InputStream in = Files.newInputStream(pemFile)) {
			Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
				.generateCertificates(in);
			if (certificates.isEmpty()) {
				throw new IllegalStateException("CONTINUUM_DOWNTIME_SERVERCA " + pemFile + " holds no certificate");
			}
			KeyStore trust = KeyStore.getInstance("PKCS12");
			trust.load(null, null);
			int n = 0;
			for (Certificate certificate : certificates) {
				trust.setCertificateEntry("ca-" + n++, certificate);
			}
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trust);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, factory.getTrustManagers(), null);
			return context;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("CONTINUUM_DOWNTIME_SERVERCA " + pemFile
					+ " could not be read as PEM certificates (" + ex.getClass().getSimpleName() + ")", ex);
		}
	}

}
