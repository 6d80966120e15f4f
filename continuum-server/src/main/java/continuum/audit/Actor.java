package continuum.audit;

import org.jspecify.annotations.Nullable;

/**
 * Who is acting: a signed-in person, an API client, or the system itself (demo seeding,
 * background jobs).
 */
public record Actor(String username, @Nullable String role, @Nullable String address) {

	public static final Actor SYSTEM = new Actor("system", "SYSTEM", null);

}
