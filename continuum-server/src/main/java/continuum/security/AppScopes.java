package continuum.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scopes of SMART apps (SMART App Launch 2, "Scopes and Launch Context"):
 * {@code patient/<Type>.<cruds>} (data of the patient in context only) and
 * {@code user/<Type>.<cruds>} (what the user may see), {@code *} for every type, v1's
 * {@code read}, {@code write} and {@code *} read as {@code rs}, {@code cud} and
 * {@code cruds}; {@code launch} (EHR launch), {@code launch/patient} (a patient picked at
 * a standalone launch), {@code offline_access} and {@code online_access} (a refresh
 * token). A grant is what was asked, within what the app was registered for and what the
 * user's role allows; what cannot be granted is left out, and the token response's
 * {@code scope} says what was (RFC 6749 §3.3). {@code openid} and {@code fhirUser} are
 * not granted: no id_token is issued.
 */
final class AppScopes {

	static final String LAUNCH = "launch";

	static final String LAUNCH_PATIENT = "launch/patient";

	static final String OFFLINE = "offline_access";

	static final String ONLINE = "online_access";

	private static final Set<String> CONTEXT_SCOPES = Set.of(LAUNCH, LAUNCH_PATIENT, OFFLINE, ONLINE);

	private static final Pattern RESOURCE = Pattern
		.compile("(patient|user)/(\\*|[A-Z][A-Za-z]{0,63})\\.(read|write|\\*|[cruds]{1,5})");

	private AppScopes() {
	}

	/**
	 * The scopes an app may be registered with, normalised to v2 letters.
	 * @throws InvalidScopeException naming the first scope that is none of the above
	 */
	static List<String> registrable(String text) {
		Set<String> result = new LinkedHashSet<>();
		for (String scope : text.strip().split("\\s+")) {
			if (scope.isEmpty()) {
				continue;
			}
			if (CONTEXT_SCOPES.contains(scope)) {
				result.add(scope);
				continue;
			}
			Matcher parts = RESOURCE.matcher(scope);
			if (!parts.matches()) {
				throw new InvalidScopeException(scope,
						"not a scope apps are granted here (patient/ or user/<Type>.<cruds>, launch, launch/patient, "
								+ "offline_access, online_access)");
			}
			String letters = letters(parts.group(3));
			if (!inOrder(letters)) {
				throw new InvalidScopeException(scope, "the interactions are letters of cruds, in that order");
			}
			result.add(parts.group(1) + "/" + parts.group(2) + "." + letters);
		}
		if (result.isEmpty()) {
			throw new InvalidScopeException("", "an app needs at least one scope");
		}
		return List.copyOf(result);
	}

	/**
	 * What the app gets of the scopes asked: each resource scope narrowed to the letters
	 * both the app's registration and the role allow, dropped when none are left; a
	 * context scope kept when the app was registered for it ({@code online_access} only
	 * when {@code offline_access} is not granted).
	 */
	static List<String> grant(Role role, List<String> registered, String requested) {
		Set<String> granted = new LinkedHashSet<>();
		Map<String, Set<Character>> resources = new TreeMap<>();
		for (String scope : requested.strip().split("\\s+")) {
			if (CONTEXT_SCOPES.contains(scope)) {
				if (registered.contains(scope)) {
					granted.add(scope);
				}
				continue;
			}
			Matcher parts = RESOURCE.matcher(scope);
			if (!parts.matches() || !inOrder(letters(parts.group(3)))) {
				continue;
			}
			String prefix = parts.group(1);
			String type = parts.group(2);
			Iterable<String> types = "*".equals(type) ? new TreeMap<>(role.permissions()).keySet() : List.of(type);
			for (String t : types) {
				String allowedByRole = role.permissions().getOrDefault(t, "");
				String allowedByApp = registeredLetters(registered, prefix, t);
				for (char c : letters(parts.group(3)).toCharArray()) {
					if (allowedByRole.indexOf(c) >= 0 && allowedByApp.indexOf(c) >= 0) {
						resources.computeIfAbsent(prefix + "/" + t, k -> new LinkedHashSet<>()).add(c);
					}
				}
			}
		}
		if (granted.contains(OFFLINE)) {
			granted.remove(ONLINE);
		}
		List<String> result = new ArrayList<>(granted);
		resources.forEach((scope, letters) -> {
			StringBuilder ordered = new StringBuilder();
			for (char c : "cruds".toCharArray()) {
				if (letters.contains(c)) {
					ordered.append(c);
				}
			}
			result.add(scope + "." + ordered);
		});
		return result;
	}

	/** Whether any granted scope is a {@code patient/} one (it needs a patient). */
	static boolean needsPatient(List<String> scopes) {
		return scopes.stream().anyMatch(s -> s.startsWith("patient/"));
	}

	/**
	 * Whether any granted scope is a resource scope, without which a token is useless.
	 */
	static boolean touchesData(List<String> scopes) {
		return scopes.stream().anyMatch(s -> s.startsWith("patient/") || s.startsWith("user/"));
	}

	/**
	 * The letters the registration allows on the type for that prefix; a {@code user/}
	 * registration covers {@code patient/} too, which reaches less.
	 */
	private static String registeredLetters(List<String> registered, String prefix, String type) {
		StringBuilder letters = new StringBuilder();
		for (String scope : registered) {
			Matcher parts = RESOURCE.matcher(scope);
			if (parts.matches() && (parts.group(1).equals(prefix) || "user".equals(parts.group(1)))
					&& (parts.group(2).equals(type) || "*".equals(parts.group(2)))) {
				letters.append(letters(parts.group(3)));
			}
		}
		return letters.toString();
	}

	private static String letters(String given) {
		return switch (given) {
			case "read" -> "rs";
			case "write" -> "cud";
			case "*" -> "cruds";
			default -> given;
		};
	}

	private static boolean inOrder(String letters) {
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

}
