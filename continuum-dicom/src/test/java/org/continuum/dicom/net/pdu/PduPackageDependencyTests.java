package org.continuum.dicom.net.pdu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The upper layer codec knows bytes and UIDs only (STYLE §9, like dicom-rs's ul crate):
 * no data-set imports.
 */
class PduPackageDependencyTests {

	@Test
	void pduPackageImportsNothingElseFromTheLibrary() throws IOException {
		Path sources = Path.of("src/main/java/org/continuum/dicom/net/pdu");
		try (Stream<Path> files = Files.list(sources)) {
			List<Path> java = files.filter(p -> p.toString().endsWith(".java")).toList();
			assertThat(java).hasSizeGreaterThan(10);
			for (Path file : java) {
				assertThat(Files.readString(file)).as(file.toString())
					.doesNotContain("org.continuum.dicom.data")
					.doesNotContain("org.continuum.dicom.io")
					.doesNotContainPattern("import org\\.continuum\\.dicom\\.net\\.[A-Za-z]+;");
			}
		}
	}

}
