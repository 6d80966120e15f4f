package continuum.imaging.pacs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import continuum.platform.PlatformSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StoreSettings.class)
class PacsConfiguration {

	@Bean
	InstanceFiles instanceFiles(StoreSettings store, PlatformSettings platform) {
		Path root = store.directory() != null ? store.directory() : Path.of(platform.data().dir(), "dicom");
		try {
			return new InstanceFiles(Files.createDirectories(root.toAbsolutePath().normalize()), store.fsync());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The DICOM store folder " + root + " cannot be created", ex);
		}
	}

}
