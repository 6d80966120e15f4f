package continuum.audit;

import java.nio.file.Files;
import java.nio.file.Path;

import continuum.platform.PlatformSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The anchor file: written only forward, read back exactly, refused when damaged. */
class AuditAnchorTests {

	@TempDir
	Path dataDir;

	private AuditAnchor anchor() {
		return new AuditAnchor(new PlatformSettings(new PlatformSettings.Data(this.dataDir.toString()),
				new PlatformSettings.Db(null, null, null, 2, null), null));
	}

	private static byte[] hash(int fill) {
		byte[] hash = new byte[32];
		java.util.Arrays.fill(hash, (byte) fill);
		return hash;
	}

	@Test
	void noAnchorBeforeTheFirstLink() {
		assertThat(anchor().read()).isEmpty();
	}

	@Test
	void readsBackTheNewestLinkWrittenAndNeverMovesBack() {
		AuditAnchor anchor = anchor();
		anchor.advance(5, hash(1));
		anchor.advance(9, hash(2));
		anchor.advance(7, hash(3));
		AuditAnchor.Link link = anchor().read().orElseThrow();
		assertThat(link.position()).isEqualTo(9);
		assertThat(link.hash()).isEqualTo(hash(2));
		assertThat(this.dataDir.resolve("audit")).isDirectoryNotContaining("glob:**.next");
	}

	@Test
	void refusesAFileThatHoldsNoLink() throws Exception {
		AuditAnchor anchor = anchor();
		anchor.advance(5, hash(1));
		Files.writeString(anchor.file(), "5 abc\n");
		assertThatThrownBy(anchor::read).isInstanceOf(AuditAnchor.UnreadableAnchor.class)
			.hasMessageContaining("does not hold a chain link");
		Files.writeString(anchor.file(), "five " + "00".repeat(32) + "\n");
		assertThatThrownBy(anchor::read).isInstanceOf(AuditAnchor.UnreadableAnchor.class);
	}

	@Test
	void aWriteThatFailsLeavesNothingBehindAndDoesNotStopTheChainer() throws Exception {
		// The anchor's directory cannot be made: a file stands in its place.
		Files.writeString(this.dataDir.resolve("audit"), "in the way");
		AuditAnchor anchor = anchor();
		anchor.advance(5, hash(1));
		anchor.advance(6, hash(2));
		Files.delete(this.dataDir.resolve("audit"));
		assertThat(anchor.read()).isEmpty();
		anchor.advance(7, hash(3));
		assertThat(anchor.read()).hasValueSatisfying(link -> assertThat(link.position()).isEqualTo(7));
	}

	@Test
	void aNewAnchorAKilledProcessNeverRenamedIsRemovedAtTheNextStartOnceItIsOld() throws Exception {
		Path directory = Files.createDirectories(this.dataDir.resolve("audit"));
		Path abandoned = Files.writeString(directory.resolve("chain-anchor123.next"), "5 ");
		Path recent = Files.writeString(directory.resolve("chain-anchor456.next"), "6 ");
		Files.setLastModifiedTime(abandoned,
				java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600)));
		anchor();
		assertThat(abandoned).doesNotExist();
		assertThat(recent).as("possibly being written by a command attached to the same data directory").exists();
	}

}
