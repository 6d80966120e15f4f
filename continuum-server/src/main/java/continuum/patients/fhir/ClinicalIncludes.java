package continuum.patients.fhir;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import ca.uhn.fhir.model.api.Include;
import continuum.patients.ClinicalEntry;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;

/**
 * {@code _include=<Type>:patient}: the patients of a page of clinical entries, each once.
 */
final class ClinicalIncludes {

	private ClinicalIncludes() {
	}

	static List<Resource> patients(List<? extends ClinicalEntry> entries, @Nullable Set<Include> includes,
			PatientService patients) {
		if (includes == null || includes.isEmpty()) {
			return List.of();
		}
		Set<PatientId> ids = new LinkedHashSet<>();
		entries.forEach(e -> ids.add(e.patient()));
		List<Resource> resources = new ArrayList<>();
		for (PatientId id : ids) {
			resources.add(PatientMapper.toFhir(patients.read(id)));
		}
		return resources;
	}

}
