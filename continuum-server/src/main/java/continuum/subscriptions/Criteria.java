package continuum.subscriptions;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * A subscription's criteria, {@code [type]?[parameters]}, read once when the subscription
 * is written: the resource type and, for each parameter, its values. Parameters are
 * combined with AND, the comma-separated values of one parameter with OR, as in a search
 * (FHIR R4 §3.1.1.5.1 search.html). Only the parameters of {@link SearchParameters} and
 * {@code _id} are accepted, without modifiers; anything else is refused with the
 * parameter's name.
 */
record Criteria(String resourceType, List<Condition> conditions) {

	/** One parameter of the criteria and its values (any of which matches). */
	record Condition(String name, List<String> values) {
	}

	static Criteria parse(@Nullable String text) {
		if (text == null || text.isBlank()) {
			throw new InvalidInputException(
					"Subscription.criteria is required: a search such as Observation?status=final");
		}
		String criteria = text.strip();
		int question = criteria.indexOf('?');
		String type = question < 0 ? criteria : criteria.substring(0, question);
		if (type.contains("/") || type.isEmpty()) {
			throw new InvalidInputException(
					"Subscription.criteria must be [type]?[parameters] relative to the server's "
							+ "base, e.g. Observation?status=final; not " + shorten(criteria));
		}
		if (!SearchParameters.types().contains(type)) {
			throw new InvalidInputException("Subscription.criteria names resource type " + shorten(type)
					+ ", which subscriptions do not support; supported: "
					+ String.join(", ", SearchParameters.types()));
		}
		List<Condition> conditions = new ArrayList<>();
		String query = question < 0 ? "" : criteria.substring(question + 1);
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode(equals < 0 ? pair : pair.substring(0, equals));
			String value = equals < 0 ? "" : pair.substring(equals + 1);
			if (name.contains(":")) {
				throw new InvalidInputException("Subscription.criteria: the modifier of " + shorten(name)
						+ " is not supported in subscriptions");
			}
			if (!name.equals("_id") && SearchParameters.find(type, name).isEmpty()) {
				throw new InvalidInputException("Subscription.criteria: search parameter " + shorten(name)
						+ " is not supported for " + type + " subscriptions; supported: _id, "
						+ String.join(", ", SearchParameters.of(type).keySet()));
			}
			List<String> values = Arrays.stream(value.split(",", -1)).map(Criteria::decode).toList();
			if (values.stream().anyMatch(String::isBlank)) {
				throw new InvalidInputException("Subscription.criteria: parameter " + name + " has an empty value");
			}
			SearchParameters.find(type, name)
				.filter(p -> p.kind() == SearchParameters.Kind.REFERENCE)
				.ifPresent(p -> values.forEach(v -> checkReference(name, v, p.target())));
			conditions.add(new Condition(name, values));
		}
		return new Criteria(type, List.copyOf(conditions));
	}

	/**
	 * The patient every match must belong to, when a {@code patient} parameter names one
	 * alone: changes of other patients need not be looked at.
	 */
	Optional<String> patient() {
		for (Condition condition : conditions) {
			if (condition.name().equals("patient") && condition.values().size() == 1) {
				String value = condition.values().get(0);
				return Optional.of(value.startsWith("Patient/") ? value.substring(8) : value);
			}
		}
		return Optional.empty();
	}

	private static void checkReference(String name, String value, @Nullable String target) {
		String[] parts = value.split("/", -1);
		boolean typed = parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()
				&& Character.isUpperCase(parts[0].charAt(0));
		if (value.contains("://") || (parts.length > 1 && !typed)
				|| (typed && target != null && !target.equals(parts[0]))) {
			throw new InvalidInputException("Subscription.criteria: parameter " + name + " takes "
					+ (target == null ? "[type]/[id]" : target + "/[id]") + " or [id], not " + shorten(value));
		}
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("Subscription.criteria has a broken %-escape");
		}
	}

	private static String shorten(String text) {
		return text.length() > 64 ? text.substring(0, 64) + "…" : text;
	}

}
