package continuum.downtime;

import java.nio.file.Path;

import continuum.downtime.sync.ClientKey;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Starts a downtime node ({@code ./continuum downtime}), or prints its public key
 * ({@code ./continuum downtime public-key}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class DowntimeApplication {

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("public-key")) {
			printPublicKey();
			return;
		}
		SpringApplication.run(DowntimeApplication.class, args);
	}

	/**
	 * {@code ./continuum downtime public-key}: prints the node's public key, made now if
	 * it has none, for the operator to register with the server
	 * ({@code ./continuum client register}). The data directory is
	 * {@code CONTINUUM_DOWNTIME_DATA_DIR}, as for the node.
	 */
	private static void printPublicKey() {
		String dir = System.getenv("CONTINUUM_DOWNTIME_DATA_DIR");
		System.out.print(ClientKey.in(Path.of(dir == null || dir.isBlank() ? "./data-downtime" : dir)).publicKeyPem());
	}

}
