package continuum.hl7;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole application with a test handler for {@code ZZT^Z01} ({@link TestHandler}), a
 * TLS listener that asks for client certificates (a key store generated for the context),
 * an outbound link to a scripted peer ({@link TestPeer}) and short timings; shared by the
 * hl7 module's integration tests (one cached context), apart from the common one.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestHandler.class)
@ContextConfiguration(initializers = Hl7TestContext.class)
@TestPropertySource(properties = { "continuum.demo.patients=20", "continuum.mllp.idle-timeout=3s",
		"continuum.mllp.max-message-size=64KB", "continuum.mllp.max-connections=20",
		"continuum.hl7.sweep-interval=200ms", "continuum.hl7.backoff-base=100ms", "continuum.hl7.backoff-max=400ms",
		"continuum.hl7.replay-interval=1h" })
@interface Hl7IntegrationTest {

}
