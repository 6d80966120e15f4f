package continuum.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * SMART App Launch 2 scopes of the form {@code user/<Type>.<cruds>} ({@code *} for every
 * type the role may touch). A granted set is always the intersection of what was asked
 * and what the role allows.
 */
public final class Scopes {

	private Scopes() {
	}

	/** Every scope the role holds, one per resource type. */
	public static List<String> of(Role role) {
		List<String> scopes = new ArrayList<>();
		new TreeMap<>(role.permissions()).forEach((type, letters) -> scopes.add("user/" + type + "." + letters));
		return scopes;
	}

	/**
	 * Narrows a space-separated scope request to what the role allows; unknown or wider
	 * scopes are dropped.
	 */
	public static List<String> grant(Role role, String requested) {
		if (requested == null || requested.isBlank()) {
			return of(role);
		}
		Map<String, Set<Character>> granted = new TreeMap<>();
		for (String scope : requested.trim().split("\\s+")) {
			int slash = scope.indexOf('/');
			int dot = scope.lastIndexOf('.');
			if (slash < 0 || dot < slash || !scope.substring(0, slash).matches("user|system|patient")) {
				continue;
			}
			String type = scope.substring(slash + 1, dot);
			String letters = normalise(scope.substring(dot + 1));
			Collection<String> types = "*".equals(type) ? role.permissions().keySet() : List.of(type);
			for (String t : types) {
				String allowed = role.permissions().getOrDefault(t, "");
				for (char c : letters.toCharArray()) {
					if (allowed.indexOf(c) >= 0) {
						granted.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(c);
					}
				}
			}
		}
		List<String> result = new ArrayList<>();
		granted.forEach((type, letters) -> {
			StringBuilder sb = new StringBuilder();
			for (char c : "cruds".toCharArray()) {
				if (letters.contains(c)) {
					sb.append(c);
				}
			}
			result.add("user/" + type + "." + sb);
		});
		return result;
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
