package continuum.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import ca.uhn.fhir.context.FhirContext;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.hl7.fhir.r4.model.Resource;

import static org.junit.jupiter.api.Assumptions.abort;

/**
 * The example resources of the FHIR R4 specification (4.0.1), as HL7 publishes them in
 * the FHIR package {@value #PACKAGE}: neither {@code hapi-fhir-structures-r4} nor
 * {@code hapi-fhir-validation-resources-r4} ships them (only the profiles, value sets and
 * search parameters), and no Maven artifact does. The package is fetched with
 * {@code npm pack} (the npm client's configured registry and cache) into a temporary
 * folder, or read from the file that {@code CONTINUUM_FHIR_EXAMPLES} names; a test that
 * needs it is skipped, with the reason, where neither is possible (no npm, offline with
 * an empty cache).
 */
final class SpecificationExamples {

	static final String PACKAGE = "hl7.fhir.r4.examples@4.0.1";

	private static final String ARCHIVE = "hl7.fhir.r4.examples-4.0.1.tgz";

	private SpecificationExamples() {
	}

	/**
	 * The examples of these resource types, parsed, by file name in the package
	 * ({@code Patient-example.json}), in file name order; aborts the calling test when
	 * the package cannot be had.
	 */
	static Map<String, Resource> of(Set<String> types, Path folder) {
		Path archive = archive(folder);
		Map<String, Resource> examples = new TreeMap<>();
		var parser = FhirContext.forR4Cached().newJsonParser();
		try (InputStream file = Files.newInputStream(archive);
				TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
				int dash = name.indexOf('-');
				if (entry.isFile() && name.endsWith(".json") && dash > 0 && types.contains(name.substring(0, dash))) {
					String json = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
					examples.put(name, (Resource) parser.parseResource(json));
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + archive, ex);
		}
		return examples;
	}

	private static Path archive(Path folder) {
		String given = System.getenv("CONTINUUM_FHIR_EXAMPLES");
		if (given != null && !given.isBlank()) {
			return Path.of(given);
		}
		ProcessBuilder npm = new ProcessBuilder("npm", "pack", PACKAGE, "--prefer-offline", "--pack-destination",
				folder.toString())
			.redirectErrorStream(true)
			.redirectOutput(folder.resolve("npm.log").toFile());
		try {
			Process process = npm.start();
			if (!process.waitFor(5, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				abort("npm pack " + PACKAGE + " did not finish within 5 minutes (offline?)");
			}
			Path archive = folder.resolve(ARCHIVE);
			if (process.exitValue() != 0 || !Files.isRegularFile(archive)) {
				List<String> log = Files.readAllLines(folder.resolve("npm.log"));
				abort("npm pack " + PACKAGE + " failed (exit " + process.exitValue() + "), offline with an empty npm "
						+ "cache? Set CONTINUUM_FHIR_EXAMPLES to the package file to run without npm. Last line: "
						+ (log.isEmpty() ? "" : log.get(log.size() - 1)));
			}
			return archive;
		}
		catch (IOException ex) {
			return abort("npm is not installed (" + ex.getMessage() + "): cannot fetch " + PACKAGE
					+ "; set CONTINUUM_FHIR_EXAMPLES to the package file");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return abort("interrupted while fetching " + PACKAGE);
		}
	}

}
