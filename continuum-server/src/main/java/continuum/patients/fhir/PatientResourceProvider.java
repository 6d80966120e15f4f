package continuum.patients.fhir;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.model.valueset.BundleTypeEnum;
import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Patch;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.annotation.Since;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.PatchTypeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.HasAndListParam;
import ca.uhn.fhir.rest.param.StringAndListParam;
import ca.uhn.fhir.rest.param.StringOrListParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import continuum.fhir.ConditionalUpdate;
import continuum.fhir.HistoryPages;
import continuum.fhir.IfMatch;
import continuum.fhir.JsonPatches;
import continuum.fhir.Paging;
import continuum.fhir.ResourceIds;
import continuum.fhir.SearchControls;
import continuum.patients.ClinicalKind;
import continuum.patients.ClinicalQuery;
import continuum.patients.ClinicalRecordService;
import continuum.patients.Gender;
import continuum.patients.HistoryPage;
import continuum.patients.HistoryQuery;
import continuum.patients.Identifier;
import continuum.patients.PatientData;
import continuum.patients.PatientHistoryService;
import continuum.patients.PatientId;
import continuum.patients.PatientMergeService;
import continuum.patients.PatientPage;
import continuum.patients.PatientQuery;
import continuum.patients.PatientRecord;
import continuum.patients.PatientService;
import continuum.platform.InvalidInputException;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * FHIR R4 Patient: read, vread, create (conditional on an identifier with
 * {@code If-None-Exist}), update with {@code If-Match} (also conditional on an identifier
 * or {@code _id}, and as a JSON Patch), search with offset paging, the common parameters,
 * {@code _has} on the clinical record and {@code _revinclude} of allergies, medications
 * and conditions and of the other modules' types ({@link PatientRevIncludes}),
 * {@code $everything} and {@code $merge}. A merged duplicate reads as itself, inactive,
 * with a {@code replaced-by} link to the survivor.
 */
@Component
public class PatientResourceProvider implements IResourceProvider {

	/** The types whose {@code _revinclude} the patients module reads itself. */
	private static final Set<String> CLINICAL_TYPES = Set.of("AllergyIntolerance", "Condition", "MedicationStatement");

	private final PatientService patients;

	private final ClinicalRecordService clinical;

	private final PatientMergeService merges;

	private final PatientReverseChains reverseChains;

	private final Clock clock;

	private final PatientHistoryService history;

	private final PatientRevIncludes revIncludes;

	PatientResourceProvider(PatientService patients, ClinicalRecordService clinical, PatientMergeService merges,
			PatientHistoryService history, PatientRevIncludes revIncludes, Clock clock) {
		this.revIncludes = revIncludes;
		this.reverseChains = new PatientReverseChains(clinical);
		this.clock = clock;
		this.patients = patients;
		this.clinical = clinical;
		this.merges = merges;
		this.history = history;
	}

	@Override
	public Class<Patient> getResourceType() {
		return Patient.class;
	}

	@Read(version = true)
	public Patient read(@IdParam IdType id) {
		PatientId patient = new PatientId(ResourceIds.of(id));
		Integer version = ResourceIds.version(id);
		return PatientMapper.toFhir(version == null ? patients.read(patient) : patients.readVersion(patient, version));
	}

	/** {@code GET Patient/{id}/_history}: the patient's versions, newest first. */
	@History
	public IBundleProvider history(@IdParam IdType id, @Since @Nullable InstantType since,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		HistoryPages.Window window = HistoryPages.window(request, since, offset, count);
		return versions(history.patient(new PatientId(ResourceIds.of(id)), query(window)), window);
	}

	/** {@code GET Patient/_history}: every patient's versions the caller may open. */
	@History
	public IBundleProvider typeHistory(@Since @Nullable InstantType since, @Offset @Nullable Integer offset,
			@Count @Nullable Integer count, RequestDetails request) {
		HistoryPages.Window window = HistoryPages.window(request, since, offset, count);
		return versions(history.patients(query(window)), window);
	}

	private static IBundleProvider versions(HistoryPage<continuum.patients.Patient> page, HistoryPages.Window window) {
		return HistoryPages.page(
				page.versions().stream().map(v -> HistoryPages.version(PatientMapper.toFhir(v), false)).toList(),
				page.total(), window);
	}

	static HistoryQuery query(HistoryPages.Window window) {
		return new HistoryQuery(window.since(), window.size(), window.first());
	}

	@Create
	public MethodOutcome create(@ResourceParam Patient resource, @ConditionalUrlParam @Nullable String conditional) {
		PatientData data = PatientMapper.fromFhir(resource);
		continuum.patients.Patient patient;
		boolean created = true;
		if (conditional != null) {
			Identifier condition = identifier(conditional);
			if (!data.identifiers().contains(condition)) {
				throw new InvalidRequestException("The resource does not carry the identifier of its If-None-Exist "
						+ "condition, so a later conditional create could not find it");
			}
			PatientService.Registration registration = patients.registerIfAbsent(condition, data);
			patient = registration.patient();
			created = registration.created();
		}
		else {
			patient = patients.register(data);
		}
		return outcome(patient, created);
	}

	@Update
	public MethodOutcome update(@IdParam @Nullable IdType id, @ResourceParam Patient resource,
			@ConditionalUrlParam @Nullable String conditional, RequestDetails request) {
		if (id == null || !id.hasIdPart()) {
			return conditionalUpdate(String.valueOf(conditional), resource, request);
		}
		return change(id, resource, request);
	}

	private MethodOutcome change(IdType id, Patient resource, RequestDetails request) {
		PatientId patient = new PatientId(ResourceIds.of(id));
		Integer expected = IfMatch.version(id, request);
		PatientData data = PatientMapper.fromFhir(resource);
		int version = expected != null ? expected : patients.read(patient).version();
		return outcome(patients.update(patient, version, data), false);
	}

	/**
	 * {@code PUT Patient?identifier=[system|]value} or {@code PUT Patient?_id=[id]} (R4
	 * http.html#cond-update). An identifier with its system matches at most one patient
	 * (identifiers are unique); a value alone matches every patient holding it in any
	 * system, and more than one is a 412. No match registers the patient, as a
	 * conditional create would (the resource must carry the identifier, so that the next
	 * conditional update finds it); one match is updated as {@code PUT Patient/[id]}
	 * would be.
	 */
	private MethodOutcome conditionalUpdate(String conditional, Patient resource, RequestDetails request) {
		ConditionalUpdate.Criterion criterion = ConditionalUpdate.criterion(conditional, "Patient",
				Set.of(Patient.SP_IDENTIFIER, ConditionalUpdate.ID));
		if (ConditionalUpdate.ID.equals(criterion.name())) {
			return ConditionalUpdate.byId(criterion, "Patient", request, target -> change(target, resource, request));
		}
		PatientData data = PatientMapper.fromFhir(resource);
		Identifier condition = conditionIdentifier(criterion.value());
		List<PatientId> matches = condition != null ? patients.idOf(condition).stream().toList()
				: patients.idsOfValue(criterion.value());
		ConditionalUpdate.requireAtMostOne(matches, "Patient", criterion);
		if (matches.isEmpty()) {
			ConditionalUpdate.requireCreatable(request, "Patient", criterion);
			Identifier held = data.identifiers()
				.stream()
				.filter(i -> condition != null ? i.equals(condition) : i.value().equals(criterion.value().strip()))
				.findFirst()
				.orElseThrow(() -> new InvalidRequestException("No patient matches " + criterion
						+ ", and the resource does not carry that identifier, so a later conditional update could "
						+ "not find the patient it would create"));
			PatientService.Registration registration = patients.registerIfAbsent(held, data);
			if (registration.created()) {
				return outcome(registration.patient(), true);
			}
			matches = List.of(registration.patient().id());
		}
		return change(ConditionalUpdate.target(request, "Patient", matches.get(0).asString()), resource, request);
	}

	/**
	 * The identifier a condition's {@code system|value} names; null for a value alone
	 * (any system). {@code |value} (no system) and {@code system|} are not conditions
	 * this server can match (every identifier here has a system and a value): 400.
	 */
	private static @Nullable Identifier conditionIdentifier(String token) {
		int bar = token.indexOf('|');
		if (bar < 0) {
			return null;
		}
		if (bar == 0 || bar == token.length() - 1) {
			throw new InvalidRequestException(
					"A conditional update on identifier takes system|value, or a value alone, not " + token);
		}
		try {
			return new Identifier(token.substring(0, bar), token.substring(bar + 1));
		}
		catch (InvalidInputException ex) {
			throw new InvalidRequestException(ex.getMessage());
		}
	}

	/**
	 * {@code PATCH Patient/{id}} with a JSON Patch: applied to the current version, then
	 * updated as a PUT would be, at that version ({@code If-Match}, when sent, must name
	 * it).
	 */
	@Patch
	public MethodOutcome patch(@IdParam IdType id, PatchTypeEnum type, @ResourceParam @Nullable String body,
			RequestDetails request) {
		PatientId patient = new PatientId(ResourceIds.of(id));
		continuum.patients.Patient current = patients.read(patient);
		IfMatch.require(request, current.version(), "Patient/" + patient);
		Patient patched = JsonPatches.apply(request, type, body, PatientMapper.toFhir(current));
		return outcome(patients.update(patient, current.version(), PatientMapper.fromFhir(patched)), false);
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = Patient.SP_IDENTIFIER) @Nullable TokenParam identifier,
			@OptionalParam(name = Patient.SP_NAME) @Nullable StringAndListParam name,
			@OptionalParam(name = Patient.SP_FAMILY) @Nullable StringParam family,
			@OptionalParam(name = Patient.SP_GIVEN) @Nullable StringParam given,
			@OptionalParam(name = Patient.SP_BIRTHDATE) @Nullable DateRangeParam birthDate,
			@OptionalParam(name = Patient.SP_GENDER) @Nullable TokenParam gender,
			@OptionalParam(name = IAnyResource.SP_RES_ID) @Nullable TokenOrListParam ids,
			@OptionalParam(name = Constants.PARAM_LASTUPDATED) @Nullable DateAndListParam lastUpdated,
			@OptionalParam(name = Constants.PARAM_HAS) @Nullable HasAndListParam has, @Sort @Nullable SortSpec sort,
			@IncludeParam(reverse = true,
					allow = { "AllergyIntolerance:patient", "Condition:patient", "MedicationStatement:patient",
							"Encounter:patient", "Encounter:subject", "Appointment:patient", "ServiceRequest:patient",
							"ServiceRequest:subject", "Specimen:patient", "Specimen:subject", "Observation:patient",
							"Observation:subject", "DiagnosticReport:patient", "DiagnosticReport:subject",
							"ImagingStudy:patient", "ImagingStudy:subject" }) @Nullable Set<Include> revIncluded,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		int limit = Paging.size(request, count);
		int start = Paging.first(offset);
		SearchControls controls = SearchControls.of(ids, lastUpdated, sort, clock);
		if (has != null) {
			controls = controls.withPatients(reverseChains.patients(has));
		}
		if (controls.matchesNothing()) {
			return Paging.empty();
		}
		List<PatientQuery.NameMatch> matches = new ArrayList<>();
		FhirDates.Range range = FhirDates.range(birthDate);
		PatientQuery query = new PatientQuery(null, text(name, matches),
				text(family, PatientQuery.NameMatch.Part.FAMILY, matches),
				text(given, PatientQuery.NameMatch.Part.GIVEN, matches),
				identifier == null || identifier.getSystem() == null || identifier.getSystem().isEmpty() ? null
						: identifier.getSystem(),
				identifier == null ? null : identifier.getValue(), range.from(), range.to(), gender(gender), limit,
				start, matches, controls);
		PatientPage page = patients.search(query);
		List<Resource> matched = new ArrayList<>();
		List<Resource> included = new ArrayList<>();
		for (continuum.patients.Patient patient : page.patients()) {
			matched.add(PatientMapper.toFhir(patient));
			if (revIncluded != null) {
				for (Include include : revIncluded) {
					ClinicalQuery entries = ClinicalQuery.of(patient.id());
					switch (include.getParamType()) {
						case "AllergyIntolerance" -> clinical.search(ClinicalKind.ALLERGIES, entries)
							.entries()
							.forEach(a -> included.add(AllergyIntoleranceMapper.toFhir(a)));
						case "Condition" -> clinical.search(ClinicalKind.PROBLEMS, entries)
							.entries()
							.forEach(p -> included.add(ConditionMapper.toFhir(p)));
						case "MedicationStatement" -> clinical.search(ClinicalKind.MEDICATIONS, entries)
							.entries()
							.forEach(m -> included.add(MedicationStatementMapper.toFhir(m)));
						default -> {
						}
					}
				}
			}
		}
		if (revIncluded != null) {
			List<PatientId> shown = page.patients().stream().map(continuum.patients.Patient::id).toList();
			revIncluded.stream()
				.map(Include::getParamType)
				.filter(type -> !CLINICAL_TYPES.contains(type))
				.distinct()
				.forEach(type -> revIncludes.of(type, shown, request.getFhirServerBase())
					.forEach(r -> included.add((Resource) r)));
		}
		return Paging.page(matched, included, page.total(), start, limit);
	}

	/**
	 * The patient (or its survivor) with every allergy, medication and problem not
	 * deleted.
	 */
	@Operation(name = "$everything", idempotent = true, bundleType = BundleTypeEnum.SEARCHSET)
	public IBundleProvider everything(@IdParam IdType id) {
		PatientRecord record = patients.record(new PatientId(ResourceIds.of(id)));
		List<Resource> resources = new ArrayList<>();
		resources.add(PatientMapper.toFhir(record.patient()));
		record.allergies().forEach(a -> resources.add(AllergyIntoleranceMapper.toFhir(a)));
		record.medications().forEach(m -> resources.add(MedicationStatementMapper.toFhir(m)));
		record.problems().forEach(p -> resources.add(ConditionMapper.toFhir(p)));
		return Paging.all(resources);
	}

	/**
	 * {@code Patient/$merge} (the operation FHIR defines from R5 on, as HAPI offers it on
	 * R4): the source patient, named by reference or by identifiers, is merged into the
	 * target the same way, as {@link PatientMergeService#merge} does: the source is kept,
	 * inactive and linked to the target, and its entries move to the target. With
	 * {@code preview} nothing is written. {@code result-patient} and
	 * {@code delete-source=true} are refused: the target is changed by an update of its
	 * own, and a merged patient is never deleted.
	 */
	@Operation(name = "$merge", idempotent = false)
	public Parameters merge(@OperationParam(name = "source-patient", max = 1) @Nullable Reference sourcePatient,
			@OperationParam(
					name = "source-patient-identifier") @Nullable List<org.hl7.fhir.r4.model.Identifier> sourceIds,
			@OperationParam(name = "target-patient", max = 1) @Nullable Reference targetPatient,
			@OperationParam(
					name = "target-patient-identifier") @Nullable List<org.hl7.fhir.r4.model.Identifier> targetIds,
			@OperationParam(name = "result-patient", max = 1) @Nullable Patient resultPatient,
			@OperationParam(name = "preview", max = 1) @Nullable BooleanType preview,
			@OperationParam(name = "delete-source", max = 1) @Nullable BooleanType deleteSource,
			RequestDetails request) {
		if (resultPatient != null) {
			throw new UnprocessableEntityException(
					"result-patient is not supported: merge first, then update the target patient");
		}
		if (deleteSource != null && deleteSource.booleanValue()) {
			throw new UnprocessableEntityException(
					"delete-source is not supported: a merged patient is kept, inactive and linked to the target");
		}
		PatientId source = resolve("source", sourcePatient, sourceIds);
		PatientId target = resolve("target", targetPatient, targetIds);
		boolean previewOnly = preview != null && preview.booleanValue();
		OperationOutcome outcome = new OperationOutcome();
		if (previewOnly) {
			merges.check(source, target);
			outcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
				.setCode(OperationOutcome.IssueType.INFORMATIONAL)
				.setDiagnostics("Preview only: Patient/" + source + " can be merged into Patient/" + target
						+ "; nothing was changed");
		}
		else {
			merges.merge(source, target);
			outcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
				.setCode(OperationOutcome.IssueType.INFORMATIONAL)
				.setDiagnostics("Patient/" + source + " was merged into Patient/" + target
						+ ": it is kept, inactive, with a replaced-by link, and its entries moved to the target");
		}
		Parameters result = new Parameters();
		if (request.getResource() instanceof Parameters input) {
			result.addParameter().setName("input").setResource(input);
		}
		result.addParameter().setName("outcome").setResource(outcome);
		result.addParameter().setName("result").setResource(PatientMapper.toFhir(patients.read(target)));
		return result;
	}

	/**
	 * The patient an operation's input names, by reference ({@code Patient/123}) or by
	 * identifiers (all of which must name the same patient); exactly one of the two.
	 */
	private PatientId resolve(String side, @Nullable Reference reference,
			@Nullable List<org.hl7.fhir.r4.model.Identifier> identifiers) {
		boolean byReference = reference != null && reference.hasReference();
		boolean byIdentifier = identifiers != null && !identifiers.isEmpty();
		if (byReference == byIdentifier) {
			throw new InvalidRequestException("Name the " + side + " patient either by " + side + "-patient or by "
					+ side + "-patient-identifier, not both and not neither");
		}
		if (byReference) {
			OptionalLong id = ResourceIds.reference(reference, "Patient");
			if (id.isEmpty() || !patients.exists(new PatientId(id.getAsLong()))) {
				throw new UnprocessableEntityException(
						"The " + side + " patient " + reference.getReference() + " does not exist");
			}
			return new PatientId(id.getAsLong());
		}
		PatientId found = null;
		for (org.hl7.fhir.r4.model.Identifier identifier : identifiers) {
			PatientId holder;
			try {
				holder = patients.idOf(new Identifier(identifier.getSystem(), identifier.getValue()))
					.orElseThrow(() -> new UnprocessableEntityException("No patient holds the " + side + " identifier "
							+ identifier.getSystem() + "|" + identifier.getValue()));
			}
			catch (InvalidInputException ex) {
				throw new UnprocessableEntityException("The " + side + " identifier is not valid: " + ex.getMessage());
			}
			if (found != null && !found.equals(holder)) {
				throw new UnprocessableEntityException(
						"The " + side + " identifiers name different patients: " + found + " and " + holder);
			}
			found = holder;
		}
		return found;
	}

	private static MethodOutcome outcome(continuum.patients.Patient patient, boolean created) {
		MethodOutcome outcome = new MethodOutcome(
				new IdType("Patient", patient.id().asString(), Integer.toString(patient.version())), created);
		outcome.setResource(PatientMapper.toFhir(patient));
		return outcome;
	}

	/** The identifier of an {@code If-None-Exist: identifier=system|value} condition. */
	static Identifier identifier(String conditional) {
		String query = conditional.contains("?") ? conditional.substring(conditional.indexOf('?') + 1) : conditional;
		String[] parameters = query.split("&");
		if (parameters.length != 1 || !parameters[0].startsWith("identifier=")) {
			throw new InvalidRequestException("If-None-Exist supports exactly one identifier=system|value condition");
		}
		String token = URLDecoder.decode(parameters[0].substring("identifier=".length()), StandardCharsets.UTF_8);
		int bar = token.indexOf('|');
		if (bar <= 0 || bar == token.length() - 1) {
			throw new InvalidRequestException("If-None-Exist needs an identifier with system and value: system|value");
		}
		try {
			return new Identifier(token.substring(0, bar), token.substring(bar + 1));
		}
		catch (InvalidInputException ex) {
			throw new InvalidRequestException(ex.getMessage());
		}
	}

	/**
	 * Every value of a repeated string parameter, as words that must all match (FHIR AND
	 * semantics); values with {@code :exact} or {@code :contains} go to {@code matches}.
	 */
	private static @Nullable String text(@Nullable StringAndListParam param, List<PatientQuery.NameMatch> matches) {
		if (param == null) {
			return null;
		}
		List<String> values = new ArrayList<>();
		for (StringOrListParam or : param.getValuesAsQueryTokens()) {
			if (or.getValuesAsQueryTokens().size() > 1) {
				throw new InvalidRequestException("Alternative values (a,b) of a name parameter are not supported");
			}
			for (StringParam value : or.getValuesAsQueryTokens()) {
				String word = text(value, PatientQuery.NameMatch.Part.ANY, matches);
				if (word != null) {
					values.add(word);
				}
			}
		}
		return values.isEmpty() ? null : String.join(" ", values);
	}

	/**
	 * The value to match by word prefix; null when absent or when it has
	 * {@code :exact}/{@code :contains} (then added to {@code matches}).
	 */
	private static @Nullable String text(@Nullable StringParam param, PatientQuery.NameMatch.Part part,
			List<PatientQuery.NameMatch> matches) {
		if (param == null || param.getValue() == null || param.getValue().isBlank()) {
			return null;
		}
		if (param.isExact() || param.isContains()) {
			matches.add(new PatientQuery.NameMatch(part, param.getValue(), param.isExact()));
			return null;
		}
		return param.getValue();
	}

	private static @Nullable Gender gender(@Nullable TokenParam param) {
		if (param == null || param.getValue() == null) {
			return null;
		}
		try {
			return Gender.ofCode(param.getValue());
		}
		catch (InvalidInputException ex) {
			throw new InvalidRequestException(ex.getMessage());
		}
	}

}
