package continuum;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Continuum: a hospital information system that keeps working when IT fails. */
@SpringBootApplication
public class ContinuumApplication {

	public static void main(String[] args) {
		SpringApplication.run(ContinuumApplication.class, args);
	}

}
