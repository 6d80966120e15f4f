package continuum.platform.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's own certificate authority and server certificate in {@code <data>/tls}:
 * made on the first start without a configured certificate, so that the default is
 * encrypted. {@value #CA_CERTIFICATE} is the CA that browsers, downtime nodes and
 * interfaces are told to trust (its SHA-256 fingerprint is printed at every start);
 * {@value #CA_KEY} and {@value #SERVER_KEY} are readable by their owner only. The CA
 * lives {@link #CA_LIFETIME}; the server certificate {@link #SERVER_LIFETIME} (the most
 * browsers accept) and is issued again at a start within {@link #RENEW_BEFORE} of its
 * end, when the names it must carry changed, or when it is not the CA's.
 */
final class LocalCertificates {

	static final String CA_CERTIFICATE = "ca.crt";

	static final String CA_KEY = "ca.key";

	static final String SERVER_CERTIFICATE = "server.crt";

	static final String SERVER_KEY = "server.key";

	static final Duration CA_LIFETIME = Duration.ofDays(3652);

	static final Duration SERVER_LIFETIME = Duration.ofDays(397);

	static final Duration RENEW_BEFORE = Duration.ofDays(30);

	private static final Logger log = LoggerFactory.getLogger(LocalCertificates.class);

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private final Path directory;

	private final Clock clock;

	LocalCertificates(Path directory, Clock clock) {
		this.directory = directory;
		this.clock = clock;
	}

	/** The key, the chain (server, CA) and the CA, made or renewed as needed. */
	Material load(Set<String> names) {
		try {
			if (!Files.isDirectory(directory)) {
				Files.createDirectories(directory,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			}
			Path caFile = directory.resolve(CA_CERTIFICATE);
			if (!Files.exists(caFile) || !Files.exists(directory.resolve(CA_KEY))) {
				newAuthority();
			}
			X509Certificate authority = Pem.readCertificates(caFile).get(0);
			KeyPair authorityKeys = new KeyPair(authority.getPublicKey(),
					Pem.readPrivateKey(directory.resolve(CA_KEY)));
			String reason = reasonToIssue(authority, names);
			if (reason != null) {
				issueServerCertificate(authority, authorityKeys, names);
				log.info("TLS server certificate issued by the local CA in {} ({}) for {}", directory, reason, names);
			}
			List<X509Certificate> chain = Pem.readCertificates(directory.resolve(SERVER_CERTIFICATE));
			return new Material(Pem.readPrivateKey(directory.resolve(SERVER_KEY)), chain, authority, caFile);
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException(
					"The local TLS certificates in " + directory + " could not be made or read ("
							+ ex.getClass().getSimpleName() + "); move the folder aside to make new ones",
					ex);
		}
	}

	/**
	 * The names a generated server certificate carries: {@code localhost}, the loopback
	 * addresses, this machine's host name, and the extra names configured.
	 */
	static Set<String> defaultNames(List<String> extra) {
		Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
		try {
			names.add(InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT));
		}
		catch (UnknownHostException ex) {
			log.warn("The host name is unknown; the TLS certificate names localhost and the extra names only");
		}
		for (String name : extra) {
			if (!name.isBlank()) {
				names.add(name.trim().toLowerCase(Locale.ROOT));
			}
		}
		return names;
	}

	/** SHA-256 of a certificate's encoding, as colon-separated upper-case hex pairs. */
	static String fingerprint(X509Certificate certificate) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
			return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void newAuthority() throws IOException, GeneralSecurityException {
		Instant now = clock.instant();
		KeyPair keys = newKeyPair();
		String host = defaultNames(List.of()).stream().skip(3).findFirst().orElse("localhost");
		X509Certificate authority = CertificateBuilder.authority("Continuum local CA " + host, keys,
				now.minus(Duration.ofHours(1)), now.plus(CA_LIFETIME));
		Pem.writePrivateKey(directory.resolve(CA_KEY), keys.getPrivate());
		Pem.writeCertificates(directory.resolve(CA_CERTIFICATE), List.of(authority));
		Files.deleteIfExists(directory.resolve(SERVER_CERTIFICATE));
		log.info("Local TLS certificate authority made in {}", directory);
	}

	private String reasonToIssue(X509Certificate authority, Set<String> names)
			throws IOException, GeneralSecurityException {
		Path certificateFile = directory.resolve(SERVER_CERTIFICATE);
		if (!Files.exists(certificateFile) || !Files.exists(directory.resolve(SERVER_KEY))) {
			return "none yet";
		}
		X509Certificate current = Pem.readCertificates(certificateFile).get(0);
		try {
			current.verify(authority.getPublicKey());
		}
		catch (GeneralSecurityException ex) {
			return "not issued by this CA";
		}
		if (current.getNotAfter().toInstant().minus(RENEW_BEFORE).isBefore(clock.instant())) {
			return "expires " + current.getNotAfter().toInstant();
		}
		if (!alternativeNames(current).equals(normalised(names))) {
			return "names changed";
		}
		return null;
	}

	private void issueServerCertificate(X509Certificate authority, KeyPair authorityKeys, Set<String> names)
			throws IOException, GeneralSecurityException {
		Instant now = clock.instant();
		KeyPair keys = newKeyPair();
		List<String> dns = new ArrayList<>();
		List<InetAddress> addresses = new ArrayList<>();
		for (String name : names) {
			if (isAddress(name)) {
				addresses.add(InetAddress.getByName(name));
			}
			else {
				dns.add(name);
			}
		}
		Instant notAfter = now.plus(SERVER_LIFETIME);
		if (notAfter.isAfter(authority.getNotAfter().toInstant())) {
			notAfter = authority.getNotAfter().toInstant();
		}
		X509Certificate server = CertificateBuilder.server(names.iterator().next(), keys.getPublic(), dns, addresses,
				authority, authorityKeys, now.minus(Duration.ofHours(1)), notAfter);
		Pem.writePrivateKey(directory.resolve(SERVER_KEY), keys.getPrivate());
		Pem.writeCertificates(directory.resolve(SERVER_CERTIFICATE), List.of(server, authority));
	}

	private static Set<String> alternativeNames(X509Certificate certificate) throws CertificateParsingException {
		Set<String> names = new LinkedHashSet<>();
		if (certificate.getSubjectAlternativeNames() != null) {
			for (List<?> name : certificate.getSubjectAlternativeNames()) {
				names.add(normalised(name.get(1).toString()));
			}
		}
		return names;
	}

	private static Set<String> normalised(Set<String> names) {
		Set<String> result = new LinkedHashSet<>();
		names.forEach(name -> result.add(normalised(name)));
		return result;
	}

	private static String normalised(String name) {
		if (isAddress(name)) {
			try {
				return InetAddress.getByName(name).getHostAddress();
			}
			catch (UnknownHostException ex) {
				return name;
			}
		}
		return name.toLowerCase(Locale.ROOT);
	}

	/**
	 * An IP literal: IPv4 dotted quad or anything with a colon (IPv6); never looked up.
	 */
	static boolean isAddress(String name) {
		return IPV4.matcher(name).matches() || name.contains(":");
	}

	private static KeyPair newKeyPair() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

	/** The server's key and chain, and the local CA that signed it. */
	record Material(PrivateKey key, List<X509Certificate> chain, X509Certificate authority, Path authorityFile) {
	}

}
