package continuum.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import continuum.platform.PlatformSettings;
import org.springframework.stereotype.Component;

/**
 * Seals the authenticators' TOTP secrets before they reach the database, with AES-256-GCM
 * under a key kept in a file outside it ({@link SecondFactorSettings#keyFile}), so that
 * whoever reads the database — its application role, a backup, a replica — does not get
 * the secrets that make the codes. The account's id is the authenticated data: a sealed
 * secret copied to another account's row does not open there. The key file is created
 * (owner-only) when the first secret is sealed.
 */
@Component
class SecondFactorCipher {

	private static final int NONCE_BYTES = 12;

	private final Path keyFile;

	private final SecureRandom random = new SecureRandom();

	private volatile SecretKeySpec key;

	SecondFactorCipher(SecondFactorSettings settings, PlatformSettings platform) {
		this.keyFile = settings.keyFile() == null || settings.keyFile().isBlank()
				? Path.of(platform.data().dir()).resolve("secrets").resolve("second-factor.key")
				: Path.of(settings.keyFile());
	}

	byte[] seal(byte[] secret, long accountId) {
		byte[] nonce = new byte[NONCE_BYTES];
		random.nextBytes(nonce);
		byte[] sealed = crypt(Cipher.ENCRYPT_MODE, nonce, secret, 0, secret.length, accountId);
		return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
	}

	byte[] open(byte[] sealed, long accountId) {
		byte[] nonce = java.util.Arrays.copyOf(sealed, NONCE_BYTES);
		return crypt(Cipher.DECRYPT_MODE, nonce, sealed, NONCE_BYTES, sealed.length - NONCE_BYTES, accountId);
	}

	private byte[] crypt(int mode, byte[] nonce, byte[] input, int offset, int length, long accountId) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(mode, key(), new GCMParameterSpec(128, nonce));
			cipher.updateAAD(ByteBuffer.allocate(8).putLong(accountId).array());
			return cipher.doFinal(input, offset, length);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("A second-factor secret of account " + accountId
					+ " does not open with the key in " + keyFile + " (another key, or a changed row)", ex);
		}
	}

	private SecretKeySpec key() {
		SecretKeySpec current = key;
		if (current == null) {
			synchronized (this) {
				if (key == null) {
					key = new SecretKeySpec(readOrCreate(), "AES");
				}
				current = key;
			}
		}
		return current;
	}

	private byte[] readOrCreate() {
		try {
			if (Files.exists(keyFile)) {
				byte[] bytes = Files.readAllBytes(keyFile);
				if (bytes.length != 32) {
					throw new IllegalStateException("The second-factor key " + keyFile + " holds " + bytes.length
							+ " bytes, not the 32 of an AES-256 key");
				}
				return bytes;
			}
			byte[] bytes = new byte[32];
			random.nextBytes(bytes);
			Files.createDirectories(keyFile.toAbsolutePath().getParent());
			Path draft = keyFile.resolveSibling(keyFile.getFileName() + ".new");
			Files.write(draft, bytes, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
			Files.setPosixFilePermissions(draft, PosixFilePermissions.fromString("rw-------"));
			Files.move(draft, keyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
			return bytes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the second-factor key " + keyFile, ex);
		}
	}

}
