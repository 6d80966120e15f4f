package continuum.platform.demo;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Decides the address every listener binds to unless the operator names one
 * ({@code continuum.listen-address}, {@code CONTINUUM_LISTEN_ADDRESS}): loopback only
 * while the demo hospital is on, since all its accounts (administrator, auditor and the
 * system account included) share one password; every interface otherwise. The web server
 * ({@code server.address}), the MLLP listener and the DICOM AE take it unless their own
 * address is set (application.properties). Added last, so that any setting the operator
 * gives wins; runs after the configuration files are read, since
 * {@code continuum.demo.enabled} comes from there.
 */
public class DemoListenAddress implements EnvironmentPostProcessor, Ordered {

	static final String LOOPBACK = "127.0.0.1";

	static final String EVERY_INTERFACE = "0.0.0.0";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		boolean demo = environment.getProperty("continuum.demo.enabled", Boolean.class, true);
		environment.getPropertySources()
			.addLast(new MapPropertySource("continuumListenAddress",
					Map.of("continuum.listen-address", demo ? LOOPBACK : EVERY_INTERFACE)));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
