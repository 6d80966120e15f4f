package continuum.imaging.pacs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.io.TransferSyntax;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A full disk while an object is written: the write fails with the I/O error (which the
 * C-STORE SCP answers with A700, Refused: Out of Resources) and leaves no file, not even
 * the temporary one; the next object that fits is stored. The disk is a 256 KiB tmpfs
 * mounted for this class (root only; skipped elsewhere) and unmounted after it.
 */
class InstanceFilesTests {

	static Path mountPoint;

	static boolean mounted;

	@BeforeAll
	static void smallDisk() throws Exception {
		mountPoint = Files.createTempDirectory("pacs-full-disk");
		Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mountPoint.toString())
			.redirectErrorStream(true)
			.start();
		mounted = mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0;
	}

	@AfterAll
	static void unmount() throws Exception {
		if (mounted) {
			new ProcessBuilder("umount", mountPoint.toString()).start().waitFor(10, TimeUnit.SECONDS);
		}
		Files.deleteIfExists(mountPoint);
	}

	@Test
	void aFullDiskLeavesNothingHalfWritten() throws Exception {
		assumeTrue(mounted, "mounting a tmpfs needs root");
		var files = new InstanceFiles(mountPoint, true);
		Attributes large = PacsFixtures.ct("P1", "", PacsFixtures.uid(), PacsFixtures.uid(), PacsFixtures.uid(),
				400 * 1024);
		assertThatThrownBy(() -> files.receive(new ByteArrayInputStream(PacsFixtures.encode(large)),
				TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), large.getString(Tag.SOPInstanceUID)))
			.isInstanceOf(IOException.class);
		assertThat(regularFiles()).isEmpty();

		Attributes small = PacsFixtures.ct("P1", "", PacsFixtures.uid(), PacsFixtures.uid(), PacsFixtures.uid(), 8192);
		var received = files.receive(new ByteArrayInputStream(PacsFixtures.encode(small)),
				TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), small.getString(Tag.SOPInstanceUID));
		files.publish(received, small.getString(Tag.SOPInstanceUID) + ".dcm");
		assertThat(regularFiles()).hasSize(1).allMatch(p -> p.getFileName().toString().endsWith(".dcm"));
	}

	private static java.util.List<Path> regularFiles() throws IOException {
		try (Stream<Path> paths = Files.walk(mountPoint)) {
			return paths.filter(Files::isRegularFile).toList();
		}
	}

}
