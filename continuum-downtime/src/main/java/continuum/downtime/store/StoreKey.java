package continuum.downtime.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The store's encryption key: 256 random bits, hex, in a file readable by its owner only.
 * Created on first start; never created when a store already exists (a lost key must not
 * silently turn into a new, empty store).
 */
final class StoreKey {

	private StoreKey() {
	}

	static String readOrCreate(Path file, boolean storeExists) {
		try {
			if (Files.exists(file)) {
				String key = Files.readString(file, StandardCharsets.US_ASCII).trim();
				if (!key.matches("[0-9a-f]{64}")) {
					throw new StoreUnavailableException("The store key file " + file
							+ " does not hold a key (64 hex digits); restore it from where it was kept safe");
				}
				return key;
			}
			if (storeExists) {
				throw new StoreUnavailableException("The store key file " + file
						+ " is missing but a store exists: restore the key file, or move the store aside and start"
						+ " again to resync from the server");
			}
			Path parent = file.toAbsolutePath().getParent();
			if (!Files.exists(parent)) {
				Files.createDirectories(parent,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			}
			byte[] bytes = new byte[32];
			new SecureRandom().nextBytes(bytes);
			String key = HexFormat.of().formatHex(bytes);
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(file, key + "\n", StandardCharsets.US_ASCII);
			return key;
		}
		catch (FileAlreadyExistsException race) {
			return readOrCreate(file, storeExists);
		}
		catch (IOException failed) {
			throw new UncheckedIOException("The store key file " + file + " cannot be read or created", failed);
		}
	}

}
