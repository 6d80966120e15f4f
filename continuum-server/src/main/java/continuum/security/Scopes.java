package continuum.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * SMART App Launch 2 scopes of the form {@code user/<Type>.<cruds>} ({@code *} for every
 * type the role may touch), and {@code system/<Type>.<cruds>} for system clients (SMART
 * Backend Services), fixed at their registration. A granted set is always the
 * intersection of what was asked and what the role (or the registration) allows; a
 * request the server cannot honour as asked is refused.
 */
public final class Scopes {

	/** {@code user/<Type or *>.<letters>}; the letters are checked apart. */
	private static final Pattern USER_SCOPE = Pattern.compile("user/(\\*|[A-Z][A-Za-z]{0,63})\\.([a-z]{1,5}|\\*)");

	/** Every resource type some role may touch. */
	private static final Set<String> KNOWN_TYPES = Arrays.stream(Role.values())
		.flatMap(role -> role.permissions().keySet().stream())
		.collect(Collectors.toUnmodifiableSet());

	private Scopes() {
	}

	/** Every scope the role holds, one per resource type. */
	public static List<String> of(Role role) {
		List<String> scopes = new ArrayList<>();
		new TreeMap<>(role.permissions()).forEach((type, letters) -> scopes.add("user/" + type + "." + letters));
		return scopes;
	}

	/**
	 * Narrows a space-separated scope request to what the role allows: a letter or a type
	 * the role lacks is dropped, and the answer says what was granted (RFC 6749 §3.3).
	 * Anything the server cannot honour as asked is refused, never widened or ignored: a
	 * {@code patient/} scope (it needs a patient context, which no launch here gives), a
	 * {@code system/} scope (backend services; these tokens act for a user), other scopes
	 * ({@code openid}, {@code launch}, {@code offline_access}...), an unknown resource
	 * type, letters out of {@code cruds} order, and a request of which the role allows
	 * nothing.
	 * @throws InvalidScopeException naming the first scope refused
	 */
	public static List<String> grant(Role role, @Nullable String requested) {
		return narrow(role.permissions(), requested, "user/");
	}

	/**
	 * The {@code system/<Type>.<letters>} scopes a backend service client (SMART Backend
	 * Services) may be registered with, within the SYSTEM role's; none asked for: all of
	 * them. Refused as {@link #grant} refuses, a {@code user/} or {@code patient/} scope
	 * included.
	 * @throws InvalidScopeException naming the first scope refused
	 */
	public static List<String> registrable(@Nullable String requested) {
		return narrow(Role.SYSTEM.permissions(), requested, SYSTEM);
	}

	/**
	 * Narrows a client's token request to the scopes it was registered with
	 * ({@code system/...}); none asked for: all of them. A request may ask for fewer,
	 * never for more.
	 * @throws InvalidScopeException naming the first scope refused
	 */
	static List<String> grantRegistered(List<String> registered, @Nullable String requested) {
		Map<String, String> allowed = new TreeMap<>();
		for (String scope : registered) {
			Matcher parts = SYSTEM_SCOPE.matcher(scope);
			if (parts.matches()) {
				allowed.put(parts.group(1), normalise(parts.group(2)));
			}
		}
		return narrow(allowed, requested, SYSTEM);
	}

	private static final String SYSTEM = "system/";

	/** {@code system/<Type or *>.<letters>}. */
	private static final Pattern SYSTEM_SCOPE = Pattern.compile("system/(\\*|[A-Z][A-Za-z]{0,63})\\.([a-z]{1,5}|\\*)");

	private static List<String> narrow(Map<String, String> allowedByType, @Nullable String requested, String prefix) {
		if (requested == null || requested.isBlank()) {
			List<String> all = new ArrayList<>();
			new TreeMap<>(allowedByType).forEach((type, letters) -> all.add(prefix + type + "." + letters));
			return all;
		}
		Pattern form = prefix.equals(SYSTEM) ? SYSTEM_SCOPE : USER_SCOPE;
		Map<String, Set<Character>> granted = new TreeMap<>();
		for (String scope : requested.strip().split("\\s+")) {
			Matcher parts = form.matcher(scope);
			if (!parts.matches()) {
				throw new InvalidScopeException(scope, prefix.equals(SYSTEM) ? systemRefusal(scope) : refusal(scope));
			}
			String type = parts.group(1);
			if (!"*".equals(type) && !KNOWN_TYPES.contains(type)) {
				throw new InvalidScopeException(scope, "no such resource type here");
			}
			String letters = normalise(parts.group(2));
			if (!isInOrder(letters)) {
				throw new InvalidScopeException(scope, "the interactions are letters of cruds, in that order");
			}
			Collection<String> types = "*".equals(type) ? allowedByType.keySet() : List.of(type);
			for (String t : types) {
				String allowed = allowedByType.getOrDefault(t, "");
				for (char c : letters.toCharArray()) {
					if (allowed.indexOf(c) >= 0) {
						granted.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(c);
					}
				}
			}
		}
		if (granted.isEmpty()) {
			throw new InvalidScopeException(requested.strip(),
					prefix.equals(SYSTEM) ? "the client is registered for none of it" : "the role allows none of it");
		}
		List<String> result = new ArrayList<>();
		granted.forEach((type, letters) -> {
			StringBuilder sb = new StringBuilder();
			for (char c : "cruds".toCharArray()) {
				if (letters.contains(c)) {
					sb.append(c);
				}
			}
			result.add(prefix + type + "." + sb);
		});
		return result;
	}

	/** Why a scope that is not {@code system/<Type>.<letters>} is refused to a client. */
	private static String systemRefusal(String scope) {
		if (scope.startsWith("user/") || scope.startsWith("patient/")) {
			return "a system client's token acts for no user or patient; ask for system/ scopes";
		}
		return "not a scope this server grants (system/<Type>.<cruds>)";
	}

	/** Why a scope that is not {@code user/<Type>.<letters>} is refused. */
	private static String refusal(String scope) {
		if (scope.startsWith("patient/")) {
			return "a patient-context scope needs a patient context, which this server does not give; "
					+ "ask for user/ scopes";
		}
		if (scope.startsWith("system/")) {
			return "tokens here act for a user; ask for user/ scopes";
		}
		return "not a scope this server grants (user/<Type>.<cruds>)";
	}

	private static boolean isInOrder(String letters) {
		int at = -1;
		for (char c : letters.toCharArray()) {
			int next = "cruds".indexOf(c, at + 1);
			if (next < 0) {
				return false;
			}
			at = next;
		}
		return !letters.isEmpty();
	}

	/** Whether the scopes allow the interaction on the type. */
	public static boolean allows(Collection<String> scopes, String resourceType, Interaction interaction) {
		for (String scope : scopes) {
			int slash = scope.indexOf('/');
			int dot = scope.lastIndexOf('.');
			if (slash < 0 || dot < slash) {
				continue;
			}
			String type = scope.substring(slash + 1, dot);
			if ((type.equals(resourceType) || type.equals("*"))
					&& normalise(scope.substring(dot + 1)).indexOf(interaction.letter()) >= 0) {
				return true;
			}
		}
		return false;
	}

	/** SMART v1 {@code read}/{@code write}/{@code *} in SMART v2 letters. */
	private static String normalise(String letters) {
		return switch (letters) {
			case "read" -> "rs";
			case "write" -> "cud";
			case "*" -> "cruds";
			default -> letters;
		};
	}

}
