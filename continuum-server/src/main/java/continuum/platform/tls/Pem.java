package continuum.platform.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM files (RFC 7468) of certificates and PKCS#8 EC private keys, written whole through
 * a temporary file and a rename; key files readable by their owner only.
 */
final class Pem {

	private static final Pattern BLOCK = Pattern
		.compile("-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)-----END \\1-----");

	private Pem() {
	}

	static void writeCertificates(Path file, List<X509Certificate> certificates) throws IOException {
		StringBuilder text = new StringBuilder();
		try {
			for (X509Certificate certificate : certificates) {
				text.append(block("CERTIFICATE", certificate.getEncoded()));
			}
		}
		catch (GeneralSecurityException ex) {
			throw new IOException("A certificate could not be encoded", ex);
		}
		write(file, text.toString(), "rw-r--r--");
	}

	static void writePrivateKey(Path file, PrivateKey key) throws IOException {
		write(file, block("PRIVATE KEY", key.getEncoded()), "rw-------");
	}

	static List<X509Certificate> readCertificates(Path file) throws IOException, GeneralSecurityException {
		CertificateFactory factory = CertificateFactory.getInstance("X.509");
		List<X509Certificate> certificates = new ArrayList<>();
		for (byte[] der : blocks(file, "CERTIFICATE")) {
			certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
		}
		if (certificates.isEmpty()) {
			throw new IOException(file + " holds no PEM certificate");
		}
		return certificates;
	}

	static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
		List<byte[]> keys = blocks(file, "PRIVATE KEY");
		if (keys.size() != 1) {
			throw new IOException(file + " holds no single PKCS#8 PEM private key");
		}
		return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(keys.get(0)));
	}

	private static List<byte[]> blocks(Path file, String label) throws IOException {
		Matcher matcher = BLOCK.matcher(Files.readString(file, StandardCharsets.US_ASCII));
		List<byte[]> blocks = new ArrayList<>();
		while (matcher.find()) {
			if (matcher.group(1).equals(label)) {
				blocks.add(Base64.getMimeDecoder().decode(matcher.group(2)));
			}
		}
		return blocks;
	}

	private static String block(String label, byte[] der) {
		return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
				+ "\n-----END " + label + "-----\n";
	}

	private static void write(Path file, String text, String permissions) throws IOException {
		Path temporary = file.resolveSibling(file.getFileName() + ".new");
		Files.deleteIfExists(temporary);
		Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
		Files.writeString(temporary, text, StandardCharsets.US_ASCII);
		Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

}
