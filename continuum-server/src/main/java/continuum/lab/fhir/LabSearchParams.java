package continuum.lab.fhir;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import continuum.patients.PatientId;
import continuum.patients.fhir.PatientResources;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.jspecify.annotations.Nullable;

/**
 * What the laboratory's search parameters name. A token whose system is not the one the
 * parameter uses, or whose code is not one of ours, names nothing, and the search answers
 * no match (as {@code ResourceIds} does for ids).
 */
final class LabSearchParams {

	private LabSearchParams() {
	}

	/**
	 * The code a token names in {@code system} ({@code http://loinc.org|718-7}, or the
	 * bare code); empty when it names another system.
	 */
	static Optional<String> code(TokenParam token, String system) {
		if (token.getSystem() != null && !token.getSystem().isEmpty() && !system.equals(token.getSystem())) {
			return Optional.empty();
		}
		return token.getValue() == null || token.getValue().isBlank() ? Optional.empty()
				: Optional.of(token.getValue());
	}

	/**
	 * The statuses a list of tokens names, read by {@code ofCode}; null without the
	 * parameter, empty when none of its codes is one of ours.
	 */
	static <S> @Nullable Set<S> statuses(@Nullable TokenOrListParam param, Function<String, Optional<S>> ofCode) {
		if (param == null) {
			return null;
		}
		Set<S> statuses = new LinkedHashSet<>();
		for (TokenParam token : param.getValuesAsQueryTokens()) {
			ofCode.apply(token.getValue()).ifPresent(statuses::add);
		}
		return statuses;
	}

	/**
	 * Whether a category token names {@code code} in {@code system} (or the bare code).
	 */
	static boolean category(@Nullable TokenParam token, String system, String code) {
		return token == null || code(token, system).filter(code::equals).isPresent();
	}

	/** Whether the search asks for {@code name} ({@code Observation:patient}). */
	static boolean includes(@Nullable Set<Include> includes, String name) {
		return includes != null && includes.stream().anyMatch(i -> i.getValue().equals(name));
	}

	/** The patients of a page, each once, as {@code _include} adds them. */
	static List<IBaseResource> patients(PatientResources patients, Collection<PatientId> ids) {
		List<IBaseResource> resources = new ArrayList<>();
		new LinkedHashSet<>(ids).forEach(id -> resources.add(patients.read(id)));
		return resources;
	}

}
