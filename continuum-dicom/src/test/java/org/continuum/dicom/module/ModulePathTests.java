package org.continuum.dicom.module;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import org.continuum.dicom.net.service.StoreScu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library as a named module: it exports the packages its README calls public (the
 * services among them) and keeps the command-line tools to itself, and a modular
 * application compiled against it on the module path reaches the SCUs and SCPs.
 */
class ModulePathTests {

	@TempDir
	Path work;

	@Test
	void exportsThePublicPackagesAndNotTheTools() throws Exception {
		ModuleDescriptor descriptor = ModuleFinder.of(location(StoreScu.class))
			.find("org.continuum.dicom")
			.orElseThrow()
			.descriptor();
		Set<String> exported = descriptor.exports()
			.stream()
			.filter(export -> !export.isQualified())
			.map(ModuleDescriptor.Exports::source)
			.collect(Collectors.toSet());
		assertThat(exported).containsExactlyInAnyOrder("org.continuum.dicom.data", "org.continuum.dicom.io",
				"org.continuum.dicom.net", "org.continuum.dicom.net.pdu", "org.continuum.dicom.net.service");
	}

	@Test
	void aNamedModuleCompilesAgainstTheServices() throws Exception {
		Path sources = Files.createDirectories(work.resolve("src/example/hospital"));
		Files.writeString(work.resolve("src/module-info.java"), """
				module example.hospital {
					requires org.continuum.dicom;
				}
				""");
		Files.writeString(sources.resolve("Modality.java"), """
				package example.hospital;

				import java.util.List;
				import org.continuum.dicom.data.Attributes;
				import org.continuum.dicom.net.Association;
				import org.continuum.dicom.net.service.EchoScp;
				import org.continuum.dicom.net.service.FindScu;
				import org.continuum.dicom.net.service.StoreScu;

				public class Modality {
					public static List<Attributes> worklist(Association association, String sopClass, Attributes keys)
							throws java.io.IOException {
						return FindScu.findAll(association, sopClass, keys);
					}
					public static Class<?>[] used() {
						return new Class<?>[] { StoreScu.class, EchoScp.class };
					}
				}
				""");
		String modulePath = String.join(java.io.File.pathSeparator, location(StoreScu.class).toString(),
				location(org.slf4j.Logger.class).toString());
		// The compiler as a tool of java.base's ToolProvider: this test runs inside the
		// library's module, which does not read java.compiler.
		ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
		StringWriter diagnostics = new StringWriter();
		PrintWriter out = new PrintWriter(diagnostics, true);
		int status = javac.run(out, out, "-d", work.resolve("out").toString(), "--module-path", modulePath,
				"-Xlint:-options", work.resolve("src/module-info.java").toString(),
				sources.resolve("Modality.java").toString());
		assertThat(status).as("javac on the module path: %s", diagnostics).isZero();
		assertThat(work.resolve("out/example/hospital/Modality.class")).exists();
		List<String> required = ModuleFinder.of(work.resolve("out"))
			.find("example.hospital")
			.orElseThrow()
			.descriptor()
			.requires()
			.stream()
			.map(ModuleDescriptor.Requires::name)
			.toList();
		assertThat(required).contains("org.continuum.dicom");
	}

	private static Path location(Class<?> type) throws URISyntaxException, IOException {
		return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toRealPath();
	}

}
