package continuum.downtime;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Starts a downtime node ({@code ./continuum downtime}). */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class DowntimeApplication {

	public static void main(String[] args) {
		SpringApplication.run(DowntimeApplication.class, args);
	}

}
