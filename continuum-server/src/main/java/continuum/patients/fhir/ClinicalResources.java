package continuum.patients.fhir;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.PatchTypeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.TokenParamModifier;
import continuum.fhir.ConditionalUpdate;
import continuum.fhir.HistoryPages;
import continuum.fhir.IfMatch;
import continuum.fhir.JsonPatches;
import continuum.fhir.Paging;
import continuum.fhir.ResourceIds;
import continuum.fhir.SearchControls;
import continuum.patients.ClinicalEntry;
import continuum.patients.ClinicalKind;
import continuum.patients.ClinicalPage;
import continuum.patients.ClinicalQuery;
import continuum.patients.ClinicalRecordService;
import continuum.patients.ClinicalVersion;
import continuum.patients.HistoryPage;
import continuum.patients.HistoryQuery;
import continuum.patients.PatientHistoryService;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;

/**
 * The FHIR interactions every clinical resource shares, written once for every
 * {@link ClinicalKind}: read and vread, instance and type history, create, update with
 * {@code If-Match} (without it, over the current version; conditional on {@code _id}),
 * JSON Patch, delete, and a search by patient, status and date with offset paging and
 * {@code _include=<Type>:patient}. A provider holds one, with its kind and its mapper,
 * and declares only what HAPI needs per resource type (the annotated methods and their
 * parameter names).
 */
final class ClinicalResources<T extends ClinicalEntry, R extends Resource> {

	private final ClinicalRecordService clinical;

	private final PatientService patients;

	private final PatientResources patientResources;

	private final PatientHistoryService history;

	private final ClinicalKind<T> kind;

	private final Function<T, R> toFhir;

	private final Function<R, T> fromFhir;

	ClinicalResources(ClinicalRecordService clinical, PatientService patients, PatientHistoryService history,
			ClinicalKind<T> kind, Function<T, R> toFhir, Function<R, T> fromFhir) {
		this.clinical = clinical;
		this.patients = patients;
		this.patientResources = new PatientResources(patients);
		this.history = history;
		this.kind = kind;
		this.toFhir = toFhir;
		this.fromFhir = fromFhir;
	}

	R read(IdType id) {
		long entry = ResourceIds.of(id);
		Integer version = ResourceIds.version(id);
		return toFhir.apply(version == null ? clinical.read(kind, entry) : clinical.readVersion(kind, entry, version));
	}

	/** The entry's versions ({@code id} given) or every entry's of the kind. */
	IBundleProvider history(@Nullable IdType id, @Nullable InstantType since, @Nullable Integer offset,
			@Nullable Integer count, RequestDetails request) {
		HistoryPages.Window window = HistoryPages.window(request, since, offset, count);
		HistoryQuery query = PatientResourceProvider.query(window);
		HistoryPage<ClinicalVersion<T>> page = id == null ? history.entries(kind, query)
				: history.entry(kind, ResourceIds.of(id), query);
		return HistoryPages.page(
				page.versions().stream().map(v -> HistoryPages.version(toFhir.apply(v.entry()), v.deleted())).toList(),
				page.total(), window);
	}

	MethodOutcome create(R resource) {
		return outcome(clinical.record(kind, fromFhir.apply(resource)), true);
	}

	/** {@code PUT [type]/[id]}, or {@code PUT [type]?_id=[id]} without an id. */
	MethodOutcome update(@Nullable IdType id, R resource, @Nullable String conditional, RequestDetails request) {
		if (id == null || !id.hasIdPart()) {
			return ConditionalUpdate.onId(conditional, kind.resourceType(), request,
					target -> update(target, resource, request));
		}
		return update(id, resource, request);
	}

	private MethodOutcome update(IdType id, R resource, RequestDetails request) {
		long entry = ResourceIds.of(id);
		Integer expected = IfMatch.version(id, request);
		T data = fromFhir.apply(resource);
		int version = expected != null ? expected : clinical.read(kind, entry).version();
		return outcome(clinical.update(kind, entry, version, data), false);
	}

	/** A JSON Patch applied to the current version, then updated at that version. */
	MethodOutcome patch(IdType id, PatchTypeEnum type, @Nullable String body, RequestDetails request) {
		long entry = ResourceIds.of(id);
		T current = clinical.read(kind, entry);
		IfMatch.require(request, current.version(), kind.resourceType() + "/" + entry);
		R patched = JsonPatches.apply(request, type, body, toFhir.apply(current));
		return outcome(clinical.update(kind, entry, current.version(), fromFhir.apply(patched)), false);
	}

	void delete(IdType id) {
		clinical.delete(kind, ResourceIds.of(id));
	}

	/**
	 * The search by patient (by id or chained), status (with {@code :not}), date and
	 * code, and the parameters every type has.
	 */
	IBundleProvider search(@Nullable ReferenceParam patient, @Nullable TokenOrListParam status,
			@Nullable DateRangeParam date, @Nullable TokenParam code, SearchControls controls,
			@Nullable Set<Include> includes, @Nullable Integer offset, @Nullable Integer count,
			RequestDetails request) {
		int limit = Paging.size(request, count);
		int start = Paging.first(offset);
		// A patient named by id is the search of that patient (its access check, its
		// audit); a chain narrows a search across patients.
		PatientId named = null;
		// The kind's date parameter is the one of these its provider declares; the
		// others never reach here (unknown parameters are refused before).
		SearchControls narrowed = controls.withText("code", code)
			.withMissing(request, AllergyIntolerance.SP_DATE, MedicationStatement.SP_EFFECTIVE,
					Condition.SP_ONSET_DATE);
		if (!narrowed.missing().isEmpty()) {
			// date:missing=... replaces the date; HAPI bound it as a value-less range.
			date = null;
		}
		if (SearchControls.isText(code)) {
			// code:text=... matches the concept's text, not a code.
			code = null;
		}
		if (PatientResources.chained(patient)) {
			narrowed = narrowed.withPatients(patientResources.patientsOf(patient));
		}
		else if (patient != null) {
			named = PatientResources.searched(patient).orElse(null);
			if (named == null) {
				return Paging.empty();
			}
		}
		if (narrowed.matchesNothing()) {
			return Paging.empty();
		}
		FhirDates.Range range = FhirDates.range(date);
		Set<String> statuses = new LinkedHashSet<>();
		Set<String> excluded = new LinkedHashSet<>();
		if (status != null) {
			for (TokenParam token : status.getValuesAsQueryTokens()) {
				if (token.getValue() != null) {
					(token.getModifier() == TokenParamModifier.NOT ? excluded : statuses).add(token.getValue());
				}
			}
		}
		String system = code == null || code.getSystem() == null || code.getSystem().isEmpty() ? null
				: code.getSystem();
		ClinicalPage<T> page = clinical.search(kind, new ClinicalQuery(named, statuses, range.from(), range.to(), limit,
				start, excluded, system, code == null ? null : code.getValue(), narrowed));
		return Paging.page(page.entries().stream().map(toFhir).toList(), includedPatients(page.entries(), includes),
				page.total(), start, limit);
	}

	/** {@code _include=<Type>:patient}: the patients of a page of entries, each once. */
	private List<Resource> includedPatients(List<T> entries, @Nullable Set<Include> includes) {
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

	private MethodOutcome outcome(T entry, boolean created) {
		MethodOutcome outcome = new MethodOutcome(
				new IdType(kind.resourceType(), Long.toString(entry.id()), Integer.toString(entry.version())), created);
		outcome.setResource(toFhir.apply(entry));
		return outcome;
	}

}
