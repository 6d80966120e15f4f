package continuum.security;

import org.jspecify.annotations.Nullable;

/**
 * Who is acting on this thread, as {@link CurrentUser} answers it: a person signed in
 * (form login or an API token), a system account (an interface or downtime node, role
 * {@link Role#SYSTEM}), the server itself (demo seeding, jobs: username {@code system},
 * no role), or someone not yet signed in (username {@code anonymous}, no role); and
 * whether the work comes from an HTTP request or runs in the background. {@code address}
 * is the request's remote address.
 */
public record ActingUser(Kind kind, String username, @Nullable Role role, Origin origin, @Nullable String address) {

	/**
	 * The server itself, outside any request: no role, since its own work is not checked
	 * against the access table.
	 */
	static final ActingUser SERVER = new ActingUser(Kind.SYSTEM, "system", null, Origin.JOB, null);

	/**
	 * Whether this is an account signed in (form login or API token): only they have a
	 * role.
	 */
	public boolean signedIn() {
		return role != null;
	}

	/** Whose work this is. */
	public enum Kind {

		/** A staff member signed in. */
		PERSON,
		/** A system account (an interface, a downtime node) or the server itself. */
		SYSTEM,
		/** A request from someone not (yet) signed in. */
		ANONYMOUS

	}

	/** Where the work comes from. */
	public enum Origin {

		/** An HTTP request (web page, FHIR, API). */
		REQUEST,
		/** A background job or the server's start-up, outside any request. */
		JOB

	}

}
