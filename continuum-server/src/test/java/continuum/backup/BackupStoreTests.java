package continuum.backup;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A backup directory serves one database system: WAL segments of two systems carry the
 * same names and would overwrite each other.
 */
class BackupStoreTests {

	@TempDir
	Path dir;

	@Test
	void aBackupDirectoryServesOneDatabaseSystem() throws IOException {
		BackupKey key = BackupKey.loadOrCreate(dir.resolve("key"), dir.resolve("data"), dir.resolve("backups"));
		BackupStore store = new BackupStore(dir.resolve("backups"), key);
		store.lock().close();
		store.claim("7412345678901234567");
		assertThatCode(() -> store.claim("7412345678901234567")).doesNotThrowAnyException();
		assertThatThrownBy(() -> store.claim("7499999999999999999"))
			.hasMessageContaining("holds the backups of database system 7412345678901234567")
			.extracting(ex -> ((BackupException) ex).code())
			.isEqualTo(BackupCode.CONFIGURATION);
	}

}
