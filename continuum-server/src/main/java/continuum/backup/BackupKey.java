package continuum.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AES-256 key every backup file is encrypted with, kept in its own file (Base64, mode
 * 0600) outside the data and backup directories, so that a copy of the backups alone
 * reveals nothing. Its id (a hash of the key, which tells nothing of the key) is written
 * into each file's header and each manifest, so that a wrong key is named as such instead
 * of as damage.
 */
record BackupKey(String id, SecretKey secret) {

	private static final Logger log = LoggerFactory.getLogger(BackupKey.class);

	/**
	 * The key in {@code file}, generated there on first use (with a warning to keep a
	 * copy elsewhere: without it no backup can be read).
	 */
	static BackupKey loadOrCreate(Path file, Path dataDir, Path backupDir) {
		Path key = file.toAbsolutePath().normalize();
		for (Path forbidden : new Path[] { dataDir, backupDir }) {
			if (key.startsWith(forbidden.toAbsolutePath().normalize())) {
				throw new BackupException(BackupCode.KEY_FILE,
						"The backup key file " + key + " lies inside " + forbidden.toAbsolutePath().normalize()
								+ "; keep it outside the data and backup directories (CONTINUUM_BACKUP_KEY_FILE)");
			}
		}
		try {
			if (!Files.exists(key)) {
				create(key);
			}
			return load(key);
		}
		catch (IOException ex) {
			throw new BackupException(BackupCode.KEY_FILE, "Cannot read or create the backup key file " + key, ex);
		}
	}

	/** The key in an existing file (restore: a missing key is never generated). */
	static BackupKey load(Path file) {
		try {
			byte[] bytes = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
			if (bytes.length != 32) {
				throw new BackupException(BackupCode.KEY_FILE,
						"The backup key file " + file + " does not hold a 256-bit key in Base64");
			}
			return new BackupKey(idOf(bytes), new SecretKeySpec(bytes, "AES"));
		}
		catch (IOException ex) {
			throw new BackupException(BackupCode.KEY_FILE, "Cannot read the backup key file " + file
					+ " (CONTINUUM_BACKUP_KEY_FILE); without it no backup can be read", ex);
		}
		catch (IllegalArgumentException ex) {
			throw new BackupException(BackupCode.KEY_FILE,
					"The backup key file " + file + " does not hold a 256-bit key in Base64");
		}
	}

	private static void create(Path key) throws IOException {
		Files.createDirectories(key.getParent());
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		Path temp = Files.createTempFile(key.getParent(), ".backup-key", ".tmp",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Files.writeString(temp, Base64.getEncoder().encodeToString(bytes) + "\n", StandardCharsets.US_ASCII);
		try {
			// No REPLACE_EXISTING: a key another process made meanwhile is kept.
			Files.move(temp, key);
		}
		catch (FileAlreadyExistsException raced) {
			Files.deleteIfExists(temp);
			return;
		}
		log.warn("Generated the backup encryption key {} (id {}). Keep a copy of it somewhere other than this machine: "
				+ "without it no backup can be restored.", key, idOf(bytes));
	}

	private static String idOf(byte[] key) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update("continuum-backup-key-id:".getBytes(StandardCharsets.US_ASCII));
			return HexFormat.of().formatHex(digest.digest(key), 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
