package continuum.hl7;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Generates the context's TLS key store (keytool, a self-signed EC key for 127.0.0.1,
 * valid two days) under target/, starts the scripted outbound peer, and points the
 * settings at both.
 */
class Hl7TestContext implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	static final String PASSWORD = "test-store-1";

	static Path keyStore;

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		try {
			Path dir = Files.createDirectories(Path.of("target", "test-tls", UUID.randomUUID().toString()));
			keyStore = dir.resolve("mllp.p12").toAbsolutePath();
			String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
			Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "mllp", "-keyalg", "EC",
					"-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
					"-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
					"-keypass", PASSWORD))
				.redirectErrorStream(true)
				.start();
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(
						"keytool failed: " + new String(process.getInputStream().readAllBytes()));
			}
			TestPeer peer = TestPeer.start();
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("hl7-test", Map.of("continuum.mllp.tls.keystore", keyStore.toString(),
						"continuum.mllp.tls.password", PASSWORD, "continuum.mllp.tls.need-client-auth", "true",
						"continuum.mllp.tls.truststore", keyStore.toString(), "continuum.mllp.tls.truststore-password",
						PASSWORD, "continuum.hl7.links.testpeer.host", "127.0.0.1", "continuum.hl7.links.testpeer.port",
						Integer.toString(peer.port()), "continuum.hl7.links.testpeer.ack-timeout", "1s")));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
