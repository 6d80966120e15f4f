package continuum.platform;

import java.lang.reflect.Method;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.stereotype.Component;

/**
 * Logs a failed asynchronous call, above all an {@code @ApplicationModuleListener} that
 * threw, without the exception's message (which may quote patient data), as
 * {@link SafeLogging} does; Spring's default handler would log the message. The executor
 * stays Spring Boot's {@code applicationTaskExecutor}.
 */
@Component
class AsyncFailureLogging implements AsyncConfigurer {

	private static final Logger log = LoggerFactory.getLogger(AsyncFailureLogging.class);

	@Override
	public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
		return AsyncFailureLogging::logFailure;
	}

	private static void logFailure(Throwable failure, Method method, Object... arguments) {
		log.error(
				"{}.{} failed (an event listener's publication stays incomplete, delivered again at the next "
						+ "start): {}",
				method.getDeclaringClass().getName(), method.getName(), SafeLogging.describe(failure));
	}

}
