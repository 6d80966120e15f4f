package continuum.fhir;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import continuum.platform.LikePattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@link SearchControls} into SQL over a module's own columns: conditions to add to
 * its {@code where} and the {@code order by} of its page. The module keeps its own query;
 * this only writes the part every resource type shares, the same way for all.
 */
public final class SearchSql {

	/**
	 * Where a resource type keeps what the common parameters read.
	 *
	 * @param id the id column: numeric (FHIR ids are its decimal text after
	 * {@code idPrefix}) unless {@code textId}
	 * @param lastUpdated the timestamp of the current version; null for a type whose
	 * resources carry no {@code meta.lastUpdated} (it then neither filters nor sorts by
	 * it)
	 * @param patient the patient the row belongs to; null for a type without patients
	 * @param sort the {@code _sort} keys the type offers besides {@code _id} and
	 * {@code _lastUpdated}, each with its expression
	 * @param textId whether the id column holds the FHIR id as text
	 * @param idPrefix what the FHIR ids of a numeric id column start with ({@code img-}),
	 * empty for plain numbers
	 * @param text for each token parameter over a CodeableConcept that serves
	 * {@code :text}, the expressions of the concept's text and its coding's display (a
	 * match starts any of them)
	 * @param presence for each parameter that serves {@code :missing}, the condition that
	 * holds when the row has the element
	 */
	public record Columns(String id, @Nullable String lastUpdated, @Nullable String patient, Map<String, String> sort,
			boolean textId, String idPrefix, Map<String, List<String>> text, Map<String, String> presence) {

		public Columns(String id, @Nullable String lastUpdated, @Nullable String patient, Map<String, String> sort) {
			this(id, lastUpdated, patient, sort, false, "", Map.of(), Map.of());
		}

		public Columns(String id, @Nullable String lastUpdated, @Nullable String patient, Map<String, String> sort,
				boolean textId) {
			this(id, lastUpdated, patient, sort, textId, "", Map.of(), Map.of());
		}

		public Columns {
			sort = Map.copyOf(sort);
			text = Map.copyOf(text);
			presence = Map.copyOf(presence);
		}

		/** The same columns for FHIR ids that start with {@code prefix}. */
		public Columns withIdPrefix(String prefix) {
			return new Columns(id, lastUpdated, patient, sort, textId, prefix, text, presence);
		}

		/**
		 * The same columns with {@code :text} on a parameter over these expressions (the
		 * concept's text, its coding's display).
		 */
		public Columns withText(String parameter, String... expressions) {
			Map<String, List<String>> more = new java.util.HashMap<>(text);
			more.put(parameter, List.of(expressions));
			return new Columns(id, lastUpdated, patient, sort, textId, idPrefix, more, presence);
		}

		/**
		 * The same columns with {@code :missing} on a parameter: {@code condition} holds
		 * when the row has the element ({@code onset_date is not null}).
		 */
		public Columns withPresence(String parameter, String condition) {
			Map<String, String> more = new java.util.HashMap<>(presence);
			more.put(parameter, condition);
			return new Columns(id, lastUpdated, patient, sort, textId, idPrefix, text, more);
		}

	}

	private SearchSql() {
	}

	/**
	 * The conditions, each to be joined with {@code and} to the module's own, their
	 * values added to {@code params} (names starting {@code sc_}).
	 */
	public static List<String> conditions(SearchControls controls, Columns columns, Map<String, Object> params) {
		List<String> where = new ArrayList<>();
		if (controls.ids() != null && columns.textId()) {
			where.add(columns.id() + " = any(:sc_ids)");
			params.put("sc_ids", controls.ids().toArray(String[]::new));
		}
		else if (controls.ids() != null) {
			List<Long> ids = new ArrayList<>();
			for (String id : controls.ids()) {
				if (id.startsWith(columns.idPrefix())) {
					OptionalLong parsed = ResourceIds.parse(id.substring(columns.idPrefix().length()));
					parsed.ifPresent(ids::add);
				}
			}
			if (ids.isEmpty()) {
				where.add("false");
			}
			else {
				where.add(columns.id() + " = any(:sc_ids)");
				params.put("sc_ids", ids.toArray(Long[]::new));
			}
		}
		if (!controls.lastUpdated().isEmpty() && columns.lastUpdated() == null) {
			throw new IllegalStateException("_lastUpdated over a type whose resources carry no lastUpdated");
		}
		int n = 0;
		for (List<SearchControls.InstantCondition> any : controls.lastUpdated()) {
			List<String> alternatives = new ArrayList<>();
			for (SearchControls.InstantCondition condition : any) {
				alternatives.add(range(columns.lastUpdated(), condition, "sc_lu" + n++, params));
			}
			where.add("(" + String.join(" or ", alternatives) + ")");
		}
		if (controls.patients() != null) {
			requirePatients(columns);
			where.add(columns.patient() + " = any(:sc_patients)");
			params.put("sc_patients", controls.patients().toArray(Long[]::new));
		}
		for (Map.Entry<String, String> text : new java.util.TreeMap<>(controls.text()).entrySet()) {
			List<String> expressions = columns.text().get(text.getKey());
			if (expressions == null) {
				throw new InvalidRequestException(text.getKey() + ":text is not supported on this type");
			}
			String name = "sc_tx" + n++;
			where
				.add("(" + String.join(" or ", expressions.stream().map(e -> "lower(" + e + ") like :" + name).toList())
						+ ")");
			params.put(name, LikePattern.startingWith(text.getValue().toLowerCase(java.util.Locale.ROOT)));
		}
		for (Map.Entry<String, Boolean> missing : new java.util.TreeMap<>(controls.missing()).entrySet()) {
			String condition = columns.presence().get(missing.getKey());
			if (condition == null) {
				throw new InvalidRequestException(missing.getKey() + ":missing is not supported on this type");
			}
			where.add((missing.getValue() ? "not (" : "(") + condition + ")");
		}
		if (!controls.hidden().isEmpty()) {
			requirePatients(columns);
			where.add("(" + columns.patient() + " is null or " + columns.patient() + " <> all(:sc_hidden))");
			params.put("sc_hidden", controls.hidden().toArray(Long[]::new));
		}
		return where;
	}

	/**
	 * The {@code order by} list: the {@code _sort} keys, then {@code fallback} (the
	 * module's own order, which must end in a unique column so that pages are stable). A
	 * key the type does not offer is refused (400) by name.
	 */
	public static String orderBy(SearchControls controls, Columns columns, String fallback) {
		if (controls.sort().isEmpty()) {
			return fallback;
		}
		List<String> keys = new ArrayList<>();
		for (SearchControls.SortKey key : controls.sort()) {
			String expression = switch (key.name()) {
				case "_id" -> columns.id();
				case "_lastUpdated" -> columns.lastUpdated();
				default -> columns.sort().get(key.name());
			};
			if (expression == null) {
				throw new InvalidRequestException("_sort=" + key.name() + " is not supported; this type sorts by "
						+ String.join(", ", sortable(columns)));
			}
			keys.add(expression + (key.descending() ? " desc nulls last" : " asc nulls last"));
		}
		return String.join(", ", keys) + ", " + fallback;
	}

	private static List<String> sortable(Columns columns) {
		List<String> names = new ArrayList<>(List.of("_id"));
		if (columns.lastUpdated() != null) {
			names.add("_lastUpdated");
		}
		columns.sort().keySet().stream().sorted().forEach(names::add);
		return names;
	}

	private static String range(String column, SearchControls.InstantCondition condition, String name,
			Map<String, Object> params) {
		List<String> bounds = new ArrayList<>();
		if (condition.from() != null) {
			bounds.add(column + " >= :" + name + "f");
			params.put(name + "f", Timestamp.from(condition.from()));
		}
		if (condition.until() != null) {
			bounds.add(column + " < :" + name + "u");
			params.put(name + "u", Timestamp.from(condition.until()));
		}
		String inside = bounds.isEmpty() ? "true" : String.join(" and ", bounds);
		return condition.negated() ? "not (" + inside + ")" : "(" + inside + ")";
	}

	private static void requirePatients(Columns columns) {
		if (columns.patient() == null) {
			throw new IllegalStateException("A search narrowed to patients over a type without patients");
		}
	}

}
