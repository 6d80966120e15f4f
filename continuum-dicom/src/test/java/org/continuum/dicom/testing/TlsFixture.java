package org.continuum.dicom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away self-signed key and certificate (made with openssl), as PEM for dcmtk and
 * as an SSLContext.
 */
public final class TlsFixture {

	public final Path key;

	public final Path certificate;

	/** PKCS#12 key store with key and certificate, password "changeit". */
	public final Path keyStore;

	public final SSLContext context;

	private TlsFixture(Path key, Path certificate, Path keyStore, SSLContext context) {
		this.key = key;
		this.certificate = certificate;
		this.keyStore = keyStore;
		this.context = context;
	}

	public static TlsFixture create(Path dir) throws Exception {
		Path key = dir.resolve("key.pem");
		Path cert = dir.resolve("cert.pem");
		Path p12 = dir.resolve("keystore.p12");
		run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out",
				cert.toString(), "-days", "2", "-subj", "/CN=localhost");
		run(dir, "openssl", "pkcs12", "-export", "-inkey", key.toString(), "-in", cert.toString(), "-out",
				p12.toString(), "-passout", "pass:changeit", "-name", "dicom");
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(p12)) {
			keyStore.load(in, "changeit".toCharArray());
		}
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		trust.setCertificateEntry("peer", keyStore.getCertificate("dicom"));
		var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		kmf.init(keyStore, "changeit".toCharArray());
		var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		tmf.init(trust);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
		return new TlsFixture(key, cert, p12, context);
	}

	private static void run(Path dir, String... command) throws Exception {
		Process p = new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("openssl.log").toFile())
			.start();
		assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
	}

}
