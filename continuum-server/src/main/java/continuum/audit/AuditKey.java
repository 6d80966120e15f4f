package continuum.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import continuum.platform.PlatformSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The audit key: 256 bits that the chain's links from the switch position on
 * ({@code audit_chain_key}) and the signed checkpoints are HMAC-SHA256'd with. It lives
 * in a file, not in the database, so that whoever can rewrite the database through its
 * roles cannot recompute a link or sign a checkpoint. By default
 * {@code <data dir>/secrets/audit-key}, generated at first start (0600); a cluster
 * configures one file ({@code continuum.audit.key.file}) holding the same key on every
 * node, since any node may be the chainer. The file holds the key as 64 hexadecimal
 * digits.
 */
@Component
class AuditKey {

	private static final Logger log = LoggerFactory.getLogger(AuditKey.class);

	private static final String ALGORITHM = "HmacSHA256";

	private static final HexFormat HEX = HexFormat.of();

	private final Path file;

	private final SecretKeySpec key;

	private final String id;

	@Autowired
	AuditKey(AuditSettings settings, PlatformSettings platform) {
		String configured = settings.key().file();
		this.file = configured != null && !configured.isBlank() ? Path.of(configured)
				: Path.of(platform.data().dir()).resolve("secrets").resolve("audit-key");
		this.key = new SecretKeySpec(load(this.file, configured == null || configured.isBlank()), ALGORITHM);
		this.id = HEX.formatHex(mac().doFinal("continuum audit key id".getBytes(StandardCharsets.US_ASCII)))
			.substring(0, 16);
	}

	/** A key made from these bytes, for tests and for a copy's verification. */
	AuditKey(Path file, byte[] key) {
		this.file = file;
		this.key = new SecretKeySpec(key, ALGORITHM);
		this.id = HEX.formatHex(mac().doFinal("continuum audit key id".getBytes(StandardCharsets.US_ASCII)))
			.substring(0, 16);
	}

	private static byte[] load(Path file, boolean generate) {
		try {
			return parse(file, Files.readString(file, StandardCharsets.US_ASCII));
		}
		catch (NoSuchFileException ex) {
			if (!generate) {
				throw new IllegalStateException("The audit key file " + file + " (continuum.audit.key.file) does not"
						+ " exist: create it once with 'openssl rand -hex 32' and give every node the same file");
			}
			return generate(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException("The audit key file " + file + " cannot be read: " + ex.getMessage(), ex);
		}
	}

	private static byte[] parse(Path file, String content) {
		String hex = content.strip();
		if (!hex.matches("[0-9a-fA-F]{64}")) {
			throw new IllegalStateException(
					"The audit key file " + file + " must hold 64 hexadecimal digits (a 256-bit key) on one line");
		}
		return HEX.parseHex(hex.toLowerCase(java.util.Locale.ROOT));
	}

	/**
	 * Writes a new key to a file of its own first, then moves it into place unless
	 * another process got there first (whose key is then the one).
	 */
	private static byte[] generate(Path file) {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		Path next = null;
		try {
			Files.createDirectories(file.getParent());
			next = Files.createTempFile(file.getParent(), "audit-key", ".next",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(next, HEX.formatHex(key) + "\n", StandardCharsets.US_ASCII);
			try {
				Files.move(next, file);
				log.info("Generated the audit key in {} (keep it with the data directory's secrets)", file);
				return key;
			}
			catch (FileAlreadyExistsException ex) {
				return parse(file, Files.readString(file, StandardCharsets.US_ASCII));
			}
		}
		catch (IOException | UnsupportedOperationException ex) {
			throw new IllegalStateException("The audit key could not be written to " + file + ": " + ex.getMessage(),
					ex);
		}
		finally {
			try {
				if (next != null) {
					Files.deleteIfExists(next);
				}
			}
			catch (IOException ex) {
				log.warn("Could not remove {}: {}", next, ex.getMessage());
			}
		}
	}

	/** A new HMAC-SHA256 with the key (a {@link Mac} is not thread-safe). */
	Mac mac() {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is required by the Java platform", ex);
		}
	}

	/**
	 * The key's id: the first 16 hex digits of its HMAC over a fixed text. Stored with
	 * the switch position and in checkpoints, so that a node with another key says so
	 * rather than calling every link changed. It reveals nothing of the key.
	 */
	String id() {
		return this.id;
	}

	Path file() {
		return this.file;
	}

	/** Whether {@code signature} (hex) is this key's HMAC of {@code text}. */
	boolean signed(String text, String signature) {
		byte[] expected = mac().doFinal(text.getBytes(StandardCharsets.UTF_8));
		byte[] given;
		try {
			given = HEX.parseHex(signature);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return MessageDigest.isEqual(expected, given);
	}

	/** This key's HMAC of {@code text}, in hex. */
	String sign(String text) {
		return HEX.formatHex(mac().doFinal(text.getBytes(StandardCharsets.UTF_8)));
	}

}
