package continuum.platform;

/**
 * Describes a failure for the log without the messages of the exceptions involved, which
 * may quote request data (a name in a validation error, an identifier in a duplicate-key
 * error). Class names and stack frames are enough to find the code; the request id
 * connects the log line to the client's error.
 */
public final class SafeLogging {

	private SafeLogging() {
	}

	/**
	 * The exception chain as class names and the top frames of each, without any message.
	 */
	public static String describe(Throwable failure) {
		StringBuilder sb = new StringBuilder();
		int depth = 0;
		for (Throwable t = failure; t != null && depth < 8; t = t.getCause() == t ? null : t.getCause(), depth++) {
			sb.append(depth == 0 ? "" : "\n  caused by ").append(t.getClass().getName());
			StackTraceElement[] frames = t.getStackTrace();
			for (int i = 0; i < Math.min(frames.length, 6); i++) {
				sb.append("\n    at ").append(frames[i]);
			}
		}
		return sb.toString();
	}

}
