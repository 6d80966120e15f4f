package continuum;

import java.util.Arrays;

import continuum.backup.RestoreCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Continuum: a hospital information system that keeps working when IT fails. Started
 * without arguments it serves the web UI, FHIR API and interfaces; with
 * {@code --continuum.command=...} it runs one operator command (audit verification, demo
 * generation, backups) against the same data directory and exits with the command's exit
 * code. {@code restore} runs without the application: the database it would start may be
 * the one being replaced.
 */
@SpringBootApplication
public class ContinuumApplication {

	public static void main(String[] args) {
		if (Arrays.asList(args).contains("--continuum.command=restore")) {
			System.exit(new RestoreCommand(System.getenv(), System.out).run(Arrays.asList(args)));
		}
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
