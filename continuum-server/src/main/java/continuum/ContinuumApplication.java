package continuum;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Continuum: a hospital information system that keeps working when IT fails. Started
 * without arguments it serves the web UI, FHIR API and interfaces; with
 * {@code --continuum.command=...} it runs one operator command (audit verification, demo
 * generation) against the same data directory and exits with the command's exit code.
 */
@SpringBootApplication
public class ContinuumApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(ContinuumApplication.class);
		boolean command = Arrays.stream(args).anyMatch(a -> a.startsWith("--continuum.command="));
		if (command) {
			application.setWebApplicationType(WebApplicationType.NONE);
			ConfigurableApplicationContext context = application.run(args);
			System.exit(SpringApplication.exit(context));
		}
		application.run(args);
	}

}
