package continuum.platform;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A scheduled job that fails is logged by exception classes and stack frames, never by
 * the message of its exception, and runs again at its next turn.
 */
@ExtendWith(OutputCaptureExtension.class)
class ScheduledFailureLoggingTests {

	@Test
	void logsAFailedJobWithoutTheExceptionsMessageAndKeepsItScheduled(CapturedOutput output) {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		new ScheduledFailureLogging().customize(scheduler);
		scheduler.initialize();
		try {
			scheduler.scheduleWithFixedDelay(() -> {
				throw new DuplicateKeyException("insert into patient_identifier ... Key (value)=(84022912345)",
						new IllegalStateException("Peeters Anneleen"));
			}, Duration.ofMillis(20));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> output.toString().split("A scheduled job failed", -1).length > 2);
		}
		finally {
			scheduler.shutdown();
		}
		assertThat(output).contains("org.springframework.dao.DuplicateKeyException")
			.contains("caused by java.lang.IllegalStateException")
			.doesNotContain("84022912345")
			.doesNotContain("Peeters")
			.doesNotContain("insert into");
	}

}
