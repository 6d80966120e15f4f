package continuum.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.Optional;

import com.nimbusds.jose.jwk.ECKey;

/**
 * This node's private signing key, as a JWK (with its {@code iat} and {@code exp}: when
 * the node began and stops signing with it) in a file of the data directory readable by
 * the server's operating-system user alone (0600 in a 0700 directory). Written to a new
 * file and renamed over the old one, so never half-written.
 */
class NodeSigningKeyFile {

	private final Path file;

	NodeSigningKeyFile(Path file) {
		this.file = file;
	}

	Path path() {
		return file;
	}

	Optional<ECKey> read() {
		if (!Files.exists(file)) {
			return Optional.empty();
		}
		try {
			return Optional.of(ECKey.parse(Files.readString(file, StandardCharsets.UTF_8)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the token signing key " + file, ex);
		}
		catch (ParseException ex) {
			// Not a key: replaced by a new one, as if missing.
			return Optional.empty();
		}
	}

	void write(ECKey key) {
		Path directory = file.toAbsolutePath().getParent();
		boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
		try {
			if (!Files.isDirectory(directory)) {
				if (posix) {
					Files.createDirectories(directory,
							PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
				}
				else {
					Files.createDirectories(directory);
				}
			}
			Path next = directory.resolve(file.getFileName() + "." + ProcessHandle.current().pid() + ".next");
			Files.deleteIfExists(next);
			if (posix) {
				Files.createFile(next,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			else {
				Files.createFile(next);
			}
			Files.writeString(next, key.toJSONString(), StandardCharsets.UTF_8);
			try {
				Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(next, file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the token signing key " + file, ex);
		}
	}

}
