package continuum.platform.database;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL server binaries shipped inside the application as a {@code .txz}
 * resource, unpacked once into the data directory so that the embedded database needs
 * nothing installed on the machine.
 */
final class PostgresBinaries {

	private static final String ARCHIVE = "postgres-linux-x86_64.txz";

	private PostgresBinaries() {
	}

	/**
	 * Unpacks the binaries under {@code root} (once per archive size) and returns the
	 * installation directory.
	 */
	static Path unpack(Path root) {
		try (InputStream probe = open()) {
			long size = probe.transferTo(java.io.OutputStream.nullOutputStream());
			Path installation = root.resolve("pg-" + Long.toHexString(size));
			if (Files.isExecutable(installation.resolve("bin/postgres"))) {
				return installation;
			}
			Files.createDirectories(root);
			Path staging = Files.createTempDirectory(root, "unpacking-");
			// Readable by the unprivileged account PostgreSQL runs as when Continuum runs
			// as root.
			Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
			try (InputStream in = open()) {
				extract(in, staging);
			}
			try {
				Files.move(staging, installation, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (IOException raced) {
				if (!Files.isExecutable(installation.resolve("bin/postgres"))) {
					throw raced;
				}
				deleteTree(staging);
			}
			return installation;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot unpack the embedded PostgreSQL binaries into " + root, ex);
		}
	}

	private static InputStream open() throws IOException {
		InputStream in = PostgresBinaries.class.getClassLoader().getResourceAsStream(ARCHIVE);
		if (in == null) {
			throw new IOException("Resource " + ARCHIVE + " is not on the class path");
		}
		return new BufferedInputStream(in, 1 << 16);
	}

	private static void extract(InputStream archive, Path target) throws IOException {
		try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(archive))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				Path path = target.resolve(entry.getName()).normalize();
				if (!path.startsWith(target)) {
					throw new IOException("Archive entry escapes the target directory: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(path);
				}
				else if (entry.isSymbolicLink()) {
					Files.createDirectories(path.getParent());
					Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
				}
				else {
					Files.createDirectories(path.getParent());
					Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
					boolean executable = (entry.getMode() & 0100) != 0;
					Files.setPosixFilePermissions(path,
							PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
				}
			}
		}
	}

	static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

}
