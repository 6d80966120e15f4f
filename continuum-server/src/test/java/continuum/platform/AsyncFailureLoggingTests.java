package continuum.platform;

import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A listener that fails asynchronously is logged by class, method and stack frames, never
 * by the message of its exception.
 */
@ExtendWith(OutputCaptureExtension.class)
class AsyncFailureLoggingTests {

	void on(Object event) {
	}

	@Test
	void logsAFailedListenerWithoutTheExceptionsMessage(CapturedOutput output) throws Exception {
		Method listener = AsyncFailureLoggingTests.class.getDeclaredMethod("on", Object.class);
		IllegalStateException failure = new IllegalStateException("Peeters Anneleen, born 1984-02-29",
				new IllegalArgumentException("Rue Haute 12"));

		new AsyncFailureLogging().getAsyncUncaughtExceptionHandler()
			.handleUncaughtException(failure, listener, "PatientsMerged");

		assertThat(output).contains(AsyncFailureLoggingTests.class.getName() + ".on failed")
			.contains("java.lang.IllegalStateException")
			.contains("caused by java.lang.IllegalArgumentException")
			.doesNotContain("Peeters")
			.doesNotContain("1984-02-29")
			.doesNotContain("Rue Haute");
	}

}
