package continuum.fhir;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.DateOrListParam;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.TokenParamModifier;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.jspecify.annotations.Nullable;

/**
 * The search parameters every resource type has ({@code _id}, {@code _lastUpdated},
 * {@code _sort}), with the patients a search is narrowed to (a chained
 * {@code patient.identifier}) and those it must leave out (restricted records the caller
 * may not open), in the form a module's repository turns into SQL over its own columns
 * with {@link SearchSql}. FHIR R4 search.html, sections 3.1.1.1 (common parameters) and
 * 3.1.1.4.2 (date prefixes).
 *
 * @param ids the {@code _id} values asked for (any of them); null without {@code _id}
 * @param lastUpdated the {@code _lastUpdated} conditions, all of which must hold, each
 * satisfied by any of its ranges
 * @param sort the sort keys in order
 * @param patients the patients the matches must belong to; null for any
 * @param hidden the patients whose data must not be matched
 * @param text the {@code :text} modifiers of token parameters over a CodeableConcept, by
 * parameter name: the concept's text must start with the value (case ignored), FHIR R4
 * search.html 3.1.1.5.5
 * @param missing the {@code :missing} modifiers, by parameter name: {@code true} when the
 * element must be absent, {@code false} when present (search.html 3.1.1.5.1)
 */
public record SearchControls(@Nullable Set<String> ids, List<List<InstantCondition>> lastUpdated, List<SortKey> sort,
		@Nullable Set<Long> patients, Set<Long> hidden, Map<String, String> text, Map<String, Boolean> missing) {

	/** No common parameter: every match, in the module's own order. */
	public static final SearchControls NONE = new SearchControls(null, List.of(), List.of(), null, Set.of());

	public SearchControls(@Nullable Set<String> ids, List<List<InstantCondition>> lastUpdated, List<SortKey> sort,
			@Nullable Set<Long> patients, Set<Long> hidden) {
		this(ids, lastUpdated, sort, patients, hidden, Map.of(), Map.of());
	}

	public SearchControls {
		ids = ids == null ? null : Set.copyOf(ids);
		lastUpdated = List.copyOf(lastUpdated);
		sort = List.copyOf(sort);
		patients = patients == null ? null : Set.copyOf(patients);
		hidden = Set.copyOf(hidden);
		text = Map.copyOf(text);
		missing = Map.copyOf(missing);
	}

	/**
	 * A point in time matches when it falls in {@code [from, until)} (either end open),
	 * or, {@code negated}, when it does not.
	 */
	public record InstantCondition(@Nullable Instant from, @Nullable Instant until, boolean negated) {
	}

	/** A {@code _sort} key: a search parameter's name, descending with {@code -}. */
	public record SortKey(String name, boolean descending) {
	}

	/** The controls as HAPI parsed the request's parameters. */
	public static SearchControls of(@Nullable TokenOrListParam ids, @Nullable DateAndListParam lastUpdated,
			@Nullable SortSpec sort, Clock clock) {
		return new SearchControls(ids(ids), lastUpdated(lastUpdated, clock.instant()), sort(sort), null, Set.of());
	}

	/** These controls narrowed to the given patients (and the ones they already had). */
	public SearchControls withPatients(Set<Long> only) {
		Set<Long> narrowed = new LinkedHashSet<>(only);
		if (patients != null) {
			narrowed.retainAll(patients);
		}
		return new SearchControls(ids, lastUpdated, sort, narrowed, hidden, text, missing);
	}

	/**
	 * These controls narrowed to the given ids (a merge across sources reads the page it
	 * chose by id).
	 */
	public SearchControls withIds(Set<String> only) {
		return new SearchControls(only, lastUpdated, sort, patients, hidden, text, missing);
	}

	/** These controls without {@code _sort}: the module's own order. */
	public SearchControls unsorted() {
		return new SearchControls(ids, lastUpdated, List.of(), patients, hidden, text, missing);
	}

	/** These controls leaving out the given patients' data. */
	public SearchControls withHidden(Set<Long> leftOut) {
		return new SearchControls(ids, lastUpdated, sort, patients, leftOut, text, missing);
	}

	/**
	 * These controls with the {@code :text} of a token parameter, when {@code token}
	 * carries that modifier ({@code code:text=asth}); unchanged otherwise. The caller
	 * then ignores the token's code: its value is text, not a code.
	 */
	public SearchControls withText(String parameter, @Nullable TokenParam token) {
		if (!isText(token) || token.getValue() == null || token.getValue().isBlank()) {
			return this;
		}
		Map<String, String> more = new java.util.HashMap<>(text);
		more.put(parameter, token.getValue().strip());
		return new SearchControls(ids, lastUpdated, sort, patients, hidden, more, missing);
	}

	/**
	 * These controls with the {@code :missing} modifiers the request gives on these
	 * parameters ({@code date:missing=true}), read from the query as sent: the caller
	 * then leaves the parameter itself out (HAPI binds a {@code :missing} as a value-less
	 * parameter). A value other than {@code true} or {@code false}, or the parameter
	 * itself beside its {@code :missing}, is a 400.
	 */
	public SearchControls withMissing(RequestDetails request, String... parameters) {
		Map<String, Boolean> more = new java.util.HashMap<>(missing);
		for (String parameter : parameters) {
			String[] values = request.getParameters().get(parameter + ":missing");
			if (values == null) {
				continue;
			}
			if (request.getParameters().containsKey(parameter)) {
				throw new InvalidRequestException(
						parameter + " and " + parameter + ":missing in one search are not supported; use one");
			}
			for (String value : values) {
				if (!"true".equals(value) && !"false".equals(value)) {
					throw new InvalidRequestException(parameter + ":missing takes true or false, not " + value);
				}
				if (more.containsKey(parameter) && more.get(parameter) != Boolean.parseBoolean(value)) {
					throw new InvalidRequestException(parameter + ":missing cannot be both true and false");
				}
				more.put(parameter, Boolean.parseBoolean(value));
			}
		}
		return new SearchControls(ids, lastUpdated, sort, patients, hidden, text, more);
	}

	/** Whether these controls ask whether the parameter's element is missing. */
	public boolean asksMissing(String parameter) {
		return missing.containsKey(parameter);
	}

	/**
	 * Whether a token parameter carries {@code :text} (its value is text, not a code).
	 */
	public static boolean isText(@Nullable TokenParam token) {
		return token != null && token.getModifier() == TokenParamModifier.TEXT;
	}

	/** Whether the controls can match nothing at all (an empty chain, no valid id). */
	public boolean matchesNothing() {
		return (ids != null && ids.isEmpty()) || (patients != null && patients.isEmpty());
	}

	private static @Nullable Set<String> ids(@Nullable TokenOrListParam param) {
		if (param == null) {
			return null;
		}
		Set<String> ids = new LinkedHashSet<>();
		for (TokenParam token : param.getValuesAsQueryTokens()) {
			if (token.getModifier() != null) {
				throw new InvalidRequestException("_id:" + token.getModifier().getValue() + " is not supported");
			}
			if (token.getValue() != null && !token.getValue().isBlank()) {
				ids.add(token.getValue().strip());
			}
		}
		return ids;
	}

	private static List<List<InstantCondition>> lastUpdated(@Nullable DateAndListParam param, Instant now) {
		if (param == null) {
			return List.of();
		}
		List<List<InstantCondition>> all = new ArrayList<>();
		for (DateOrListParam or : param.getValuesAsQueryTokens()) {
			List<InstantCondition> any = new ArrayList<>();
			for (DateParam date : or.getValuesAsQueryTokens()) {
				any.add(condition(date, now));
			}
			all.add(any);
		}
		return all;
	}

	/**
	 * The instants a point in time may take to match a date value with its prefix: the
	 * value covers {@code [lo, hi)} at its precision ({@code 2026-12} is the month).
	 * {@code ap} widens that range by a tenth of its distance from now, as the
	 * specification recommends.
	 */
	static InstantCondition condition(DateParam date, Instant now) {
		if (date.getValue() == null) {
			throw new InvalidRequestException("_lastUpdated needs a date: " + date.getValueAsString());
		}
		Instant lo = date.getValue().toInstant();
		Instant hi = date.getPrecision().add(date.getValue(), 1).toInstant();
		ParamPrefixEnum prefix = date.getPrefix() == null ? ParamPrefixEnum.EQUAL : date.getPrefix();
		return switch (prefix) {
			case EQUAL -> new InstantCondition(lo, hi, false);
			case NOT_EQUAL -> new InstantCondition(lo, hi, true);
			case GREATERTHAN, STARTS_AFTER -> new InstantCondition(hi, null, false);
			case GREATERTHAN_OR_EQUALS -> new InstantCondition(lo, null, false);
			case LESSTHAN, ENDS_BEFORE -> new InstantCondition(null, lo, false);
			case LESSTHAN_OR_EQUALS -> new InstantCondition(null, hi, false);
			case APPROXIMATE -> new InstantCondition(lo.minus(tenth(lo, now)), hi.plus(tenth(hi, now)), false);
		};
	}

	private static Duration tenth(Instant instant, Instant now) {
		return Duration.between(instant, now).abs().dividedBy(10);
	}

	private static List<SortKey> sort(@Nullable SortSpec spec) {
		List<SortKey> keys = new ArrayList<>();
		for (SortSpec next = spec; next != null; next = next.getChain()) {
			if (next.getParamName() != null && !next.getParamName().isBlank()) {
				keys.add(new SortKey(next.getParamName(), next.getOrder() == SortOrderEnum.DESC));
			}
		}
		return keys;
	}

}
