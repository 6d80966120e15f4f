package continuum.security;

/**
 * A scope request the server cannot honour as asked: OAuth 2's {@code invalid_scope} (RFC
 * 6749 §5.2). The message names the scope and why, never more.
 */
class InvalidScopeException extends RuntimeException {

	InvalidScopeException(String scope, String reason) {
		super("scope " + (scope.length() > 64 ? scope.substring(0, 64) + "..." : scope) + ": " + reason);
	}

}
