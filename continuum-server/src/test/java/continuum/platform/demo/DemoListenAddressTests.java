package continuum.platform.demo;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.support.ResourcePropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which address each listener binds to, from the shipped application.properties and the
 * operator's environment: loopback while the demo hospital is on, unless an address is
 * given.
 */
class DemoListenAddressTests {

	@Test
	void theDemoListensOnLoopbackOnly() throws IOException {
		assertThat(addresses(Map.of())).containsExactly("127.0.0.1", "127.0.0.1", "127.0.0.1");
		assertThat(addresses(Map.of("CONTINUUM_DEMO", "true"))).containsExactly("127.0.0.1", "127.0.0.1", "127.0.0.1");
	}

	@Test
	void aStartWithoutTheDemoListensOnEveryInterface() throws IOException {
		assertThat(addresses(Map.of("CONTINUUM_DEMO", "false"))).containsExactly("0.0.0.0", "0.0.0.0", "0.0.0.0");
	}

	@Test
	void theOperatorOpensTheDemoWithOneSetting() throws IOException {
		assertThat(addresses(Map.of("CONTINUUM_LISTEN_ADDRESS", "0.0.0.0"))).containsExactly("0.0.0.0", "0.0.0.0",
				"0.0.0.0");
		assertThat(addresses(Map.of("CONTINUUM_DEMO", "false", "CONTINUUM_LISTEN_ADDRESS", "10.1.2.3")))
			.containsExactly("10.1.2.3", "10.1.2.3", "10.1.2.3");
	}

	@Test
	void aListenersOwnAddressWins() throws IOException {
		assertThat(addresses(Map.of("CONTINUUM_HTTP_ADDRESS", "192.0.2.7", "CONTINUUM_MLLP_ADDRESS", "192.0.2.8")))
			.containsExactly("192.0.2.7", "192.0.2.8", "127.0.0.1");
		assertThat(addresses(Map.of("CONTINUUM_DICOM_ADDRESS", "0.0.0.0", "CONTINUUM_LISTEN_ADDRESS", "::1")))
			.containsExactly("::1", "::1", "0.0.0.0");
	}

	/**
	 * {@code server.address}, {@code continuum.mllp.address},
	 * {@code continuum.dicom.address}.
	 */
	private static String[] addresses(Map<String, String> variables) throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", new HashMap<>(variables)));
		environment.getPropertySources().addLast(new ResourcePropertySource("classpath:application.properties"));
		ConfigurationPropertySources.attach(environment);
		new DemoListenAddress().postProcessEnvironment(environment, null);
		return new String[] { environment.getProperty("server.address"),
				environment.getProperty("continuum.mllp.address"), environment.getProperty("continuum.dicom.address") };
	}

}
