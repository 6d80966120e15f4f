package continuum;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a random loopback port, against its own embedded PostgreSQL
 * and a small demo hospital (300 patients, demo password {@code test-password-1}). All
 * tests that use it share one cached context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public @interface ContinuumIntegrationTest {

	/** The demo password of every demo account in tests. */
	String DEMO_PASSWORD = "test-password-1";

}
