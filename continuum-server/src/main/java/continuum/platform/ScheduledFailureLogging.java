package continuum.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Logs a failed run of a scheduled job (the audit chainer, the change feed's sequencer,
 * the reminder and horizon jobs) without the exception's message, as {@link SafeLogging}
 * does: Spring's default handler logs the whole exception, and a database error's message
 * quotes the statement and, in its detail, the values of the row (a patient's identifier
 * in a duplicate key). The job runs again at its next turn either way.
 */
@Component
class ScheduledFailureLogging implements ThreadPoolTaskSchedulerCustomizer {

	private static final Logger log = LoggerFactory.getLogger(ScheduledFailureLogging.class);

	@Override
	public void customize(ThreadPoolTaskScheduler scheduler) {
		scheduler.setErrorHandler(ScheduledFailureLogging::logFailure);
	}

	static void logFailure(Throwable failure) {
		log.error("A scheduled job failed; it runs again at its next turn: {}", SafeLogging.describe(failure));
	}

}
