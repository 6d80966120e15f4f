package continuum.fhir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.ResourceBinding;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.method.BaseMethodBinding;
import ca.uhn.fhir.rest.server.method.IParameter;
import ca.uhn.fhir.rest.server.method.SearchMethodBinding;
import ca.uhn.fhir.rest.server.method.SearchParameter;
import ca.uhn.fhir.rest.server.method.SortParameter;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.jspecify.annotations.Nullable;

/**
 * Never ignores a search parameter silently (FHIR R4 search.html 3.1.1.2, "Handling
 * errors"). Before HAPI picks the search method, every parameter of a type search is
 * checked against what the type's search method declares: its parameters, the chains its
 * reference parameters whitelist, the modifiers {@link SearchModifiers} names, the date
 * prefixes the parameter serves, and the result parameters with their values. Strict is
 * the default and what {@code Prefer: handling=strict} asks: any unknown or unsupported
 * parameter is a 400 OperationOutcome naming each. {@code Prefer: handling=lenient} drops
 * them instead, so that neither the search nor the bundle's {@code self} and paging links
 * carry them: the self link then shows the parameters applied, as the specification
 * reports it.
 */
@Interceptor
class SearchHandlingInterceptor {

	private static final Set<String> RESULT = Set.of(Constants.PARAM_COUNT, Constants.PARAM_OFFSET,
			Constants.PARAM_FORMAT, Constants.PARAM_PRETTY, Constants.PARAM_SUMMARY, Constants.PARAM_ELEMENTS,
			Constants.PARAM_SEARCH_TOTAL_MODE, Constants.PARAM_SORT, Constants.PARAM_INCLUDE,
			Constants.PARAM_REVINCLUDE);

	private static final Set<String> SUMMARY = Set.of("true", "false", "count", "text", "data");

	private static final Set<String> TOTAL = Set.of("none", "estimate", "accurate");

	/** The prefixes HAPI's date ranges serve for a parameter on a point in time. */
	private static final Set<String> RANGE_PREFIXES = Set.of("eq", "gt", "ge", "lt", "le");

	private static final Set<String> ALL_PREFIXES = Set.of("eq", "ne", "gt", "ge", "lt", "le", "sa", "eb", "ap");

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLER_SELECTED)
	void check(RequestDetails request) {
		SearchMethodBinding search = searchOf(request);
		if (search == null) {
			return;
		}
		Map<String, String> problems = new LinkedHashMap<>();
		for (Map.Entry<String, String[]> parameter : new ArrayList<>(request.getParameters().entrySet())) {
			String problem = problem(request.getResourceName(), search, parameter.getKey(), parameter.getValue());
			if (problem != null) {
				problems.put(parameter.getKey(), problem);
			}
		}
		if (problems.isEmpty()) {
			return;
		}
		if (lenient(request)) {
			problems.keySet().forEach(request::removeParameter);
			return;
		}
		OperationOutcome outcome = new OperationOutcome();
		problems.values()
			.forEach(problem -> outcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(OperationOutcome.IssueType.NOTSUPPORTED)
				.setDiagnostics(problem));
		throw new InvalidRequestException(String.join("; ", problems.values()), outcome);
	}

	/**
	 * {@code _total=none}: the bundle carries no total (the count still tells HAPI
	 * whether to link a next page). {@code estimate} is answered as {@code accurate}: the
	 * count is exact.
	 */
	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	void total(RequestDetails request, @Nullable IBaseResource response) {
		String[] total = request.getParameters().get(Constants.PARAM_SEARCH_TOTAL_MODE);
		if (total != null && total.length > 0 && "none".equals(total[0]) && response instanceof Bundle bundle) {
			bundle.setTotalElement(null);
		}
	}

	/** The type's search method when the request is a type search, else null. */
	private static @Nullable SearchMethodBinding searchOf(RequestDetails request) {
		String type = request.getResourceName();
		boolean get = request.getRequestType() == RequestTypeEnum.GET && request.getOperation() == null;
		boolean post = request.getRequestType() == RequestTypeEnum.POST
				&& Constants.PARAM_SEARCH.equals(request.getOperation());
		if (type == null || request.getId() != null || !(get || post)
				|| request.getParameters().containsKey(Constants.PARAM_PAGINGACTION)
				|| !(request.getServer() instanceof RestfulServer server)) {
			return null;
		}
		for (ResourceBinding binding : server.getResourceBindings()) {
			if (type.equals(binding.getResourceName())) {
				for (BaseMethodBinding method : binding.getMethodBindings()) {
					if (method instanceof SearchMethodBinding search && search.getQueryName() == null) {
						return search;
					}
				}
			}
		}
		return null;
	}

	private static boolean lenient(RequestDetails request) {
		List<String> prefer = request.getHeaders(Constants.HEADER_PREFER);
		if (prefer == null) {
			return false;
		}
		for (String header : prefer) {
			for (String token : header.split("[,;]")) {
				String value = token.strip().toLowerCase(java.util.Locale.ROOT).replace(" ", "");
				if (value.equals("handling=lenient")) {
					return true;
				}
			}
		}
		return false;
	}

	private static @Nullable String problem(String type, SearchMethodBinding search, String name, String[] values) {
		if (RESULT.contains(name)) {
			return result(type, search, name, values);
		}
		if (name.startsWith(Constants.PARAM_INCLUDE + ":") || name.startsWith(Constants.PARAM_REVINCLUDE + ":")) {
			String modifier = name.substring(name.indexOf(':') + 1);
			return "iterate".equals(modifier) ? result(type, search, name.substring(0, name.indexOf(':')), values)
					: name + ": the modifier :" + modifier + " is not supported";
		}
		int colon = name.indexOf(':');
		int dot = name.indexOf('.');
		String base = name;
		String modifier = null;
		String chain = null;
		if (name.startsWith(Constants.PARAM_HAS + ":")) {
			base = Constants.PARAM_HAS;
		}
		else if (dot > 0 && (colon < 0 || dot < colon)) {
			base = name.substring(0, dot);
			chain = name.substring(dot + 1);
		}
		else if (colon > 0) {
			base = name.substring(0, colon);
			modifier = name.substring(colon + 1);
		}
		SearchParameter declared = declared(search, base);
		if (declared == null) {
			return name + ": unknown search parameter on " + type;
		}
		if (chain != null) {
			Set<String> whitelist = declared.getQualifierWhitelist();
			String link = chain.contains(":") ? chain.substring(0, chain.indexOf(':')) : chain;
			if (whitelist == null || !whitelist.contains("." + link)) {
				return name + ": chained search " + base + "." + link + " is not supported on " + type;
			}
			return null;
		}
		if (modifier != null && !SearchModifiers.served(type, base, modifier)) {
			return name + ": the modifier :" + modifier + " is not supported on " + type + "." + base;
		}
		if (declared.getParamType() == RestSearchParameterTypeEnum.DATE && modifier == null) {
			Set<String> prefixes = Constants.PARAM_LASTUPDATED.equals(base) ? ALL_PREFIXES : RANGE_PREFIXES;
			for (String value : values) {
				for (String one : value.split(",")) {
					if (one.length() > 2 && Character.isLetter(one.charAt(0)) && Character.isLetter(one.charAt(1))
							&& !prefixes.contains(one.substring(0, 2))) {
						return name + ": the prefix " + one.substring(0, 2) + " is not supported on " + type + "."
								+ base + " (served: " + String.join(", ", prefixes.stream().sorted().toList()) + ")";
					}
				}
			}
		}
		return null;
	}

	private static @Nullable String result(String type, SearchMethodBinding search, String name, String[] values) {
		switch (name) {
			case Constants.PARAM_SUMMARY:
				for (String value : values) {
					if (!SUMMARY.contains(value)) {
						return "_summary=" + value + " is not a summary mode (true, false, count, text, data)";
					}
				}
				return null;
			case Constants.PARAM_SEARCH_TOTAL_MODE:
				for (String value : values) {
					if (!TOTAL.contains(value)) {
						return "_total=" + value + " is not a total mode (none, estimate, accurate)";
					}
				}
				return null;
			case Constants.PARAM_SORT:
				return has(search, SortParameter.class) ? null : "_sort is not supported on " + type;
			case Constants.PARAM_INCLUDE:
			case Constants.PARAM_REVINCLUDE:
				Set<String> allowed = includes(search, Constants.PARAM_REVINCLUDE.equals(name));
				for (String value : values) {
					if (!allowed.contains(value)) {
						return name + "=" + value + " is not supported on " + type
								+ (allowed.isEmpty() ? "" : " (served: " + String.join(", ", allowed) + ")");
					}
				}
				return null;
			default:
				return null;
		}
	}

	private static @Nullable SearchParameter declared(SearchMethodBinding search, String name) {
		for (IParameter parameter : search.getParameters()) {
			if (parameter instanceof SearchParameter declared && declared.getName().equals(name)) {
				return declared;
			}
		}
		return null;
	}

	private static boolean has(SearchMethodBinding search, Class<?> kind) {
		return search.getParameters().stream().anyMatch(kind::isInstance);
	}

	private static Set<String> includes(SearchMethodBinding search, boolean reverse) {
		return new java.util.TreeSet<>(reverse ? search.getRevIncludes() : search.getIncludes());
	}

}
