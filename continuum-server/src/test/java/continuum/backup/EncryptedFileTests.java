package continuum.backup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The encrypted file format: contents across several chunks come back whole with their
 * digest; a changed byte, a cut-off end and another key are refused, each by its code.
 */
class EncryptedFileTests {

	@TempDir
	Path dir;

	@Test
	void contentsOfSeveralChunksComeBackWholeWithTheirDigest() throws IOException {
		BackupKey key = BackupKey.loadOrCreate(dir.resolve("keys/key"), dir.resolve("data"), dir.resolve("backups"));
		byte[] content = new byte[3 * 1024 * 1024 + 17];
		new Random(7).nextBytes(content);
		Path file = dir.resolve("backups/f");
		EncryptedFile.Digest written = EncryptedFile.write(new ByteArrayInputStream(content), file, key);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		EncryptedFile.Digest read = EncryptedFile.read(file, key, out);
		assertThat(out.toByteArray()).isEqualTo(content);
		assertThat(read).isEqualTo(written);
		assertThat(written.size()).isEqualTo(content.length);
	}

	@Test
	void aChangedByteACutOffEndAndAnotherKeyAreRefused() throws IOException {
		BackupKey key = BackupKey.loadOrCreate(dir.resolve("keys/key"), dir.resolve("data"), dir.resolve("backups"));
		byte[] content = new byte[2 * 1024 * 1024];
		new Random(8).nextBytes(content);
		Path file = dir.resolve("backups/f");
		EncryptedFile.write(new ByteArrayInputStream(content), file, key);
		byte[] sealed = Files.readAllBytes(file);

		byte[] changed = sealed.clone();
		changed[changed.length / 2] ^= 1;
		Files.write(file, changed);
		assertThatThrownBy(() -> EncryptedFile.read(file, key, new ByteArrayOutputStream()))
			.hasMessageContaining("fails its authentication tag")
			.extracting(ex -> ((BackupException) ex).code())
			.isEqualTo(BackupCode.TAMPERED);

		Files.write(file, java.util.Arrays.copyOf(sealed, sealed.length - 100));
		assertThatThrownBy(() -> EncryptedFile.read(file, key, new ByteArrayOutputStream()))
			.extracting(ex -> ((BackupException) ex).code())
			.isEqualTo(BackupCode.TAMPERED);

		Files.write(file, sealed);
		BackupKey other = BackupKey.loadOrCreate(dir.resolve("keys/other"), dir.resolve("data"),
				dir.resolve("backups"));
		assertThatThrownBy(() -> EncryptedFile.read(file, other, new ByteArrayOutputStream()))
			.hasMessageContaining(key.id())
			.extracting(ex -> ((BackupException) ex).code())
			.isEqualTo(BackupCode.WRONG_KEY);
	}

	@Test
	void aKeyFileInsideTheDataOrBackupDirectoryIsRefused() {
		assertThatThrownBy(
				() -> BackupKey.loadOrCreate(dir.resolve("data/key"), dir.resolve("data"), dir.resolve("backups")))
			.extracting(ex -> ((BackupException) ex).code())
			.isEqualTo(BackupCode.KEY_FILE);
	}

}
