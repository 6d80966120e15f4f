package continuum.scheduling.fhir;

import java.time.Clock;
import java.time.Instant;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Patch;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Since;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.PatchTypeEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import continuum.fhir.HistoryPages;
import continuum.fhir.IfMatch;
import continuum.fhir.JsonPatches;
import continuum.fhir.Paging;
import continuum.fhir.ResourceIds;
import continuum.fhir.SearchControls;
import continuum.patients.HistoryQuery;
import continuum.platform.InvalidInputException;
import continuum.scheduling.ActorKind;
import continuum.scheduling.NewSchedule;
import continuum.scheduling.PlanningHorizon;
import continuum.scheduling.ScheduleId;
import continuum.scheduling.ScheduleService;
import continuum.scheduling.SchedulingHistoryService;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * FHIR Schedule: read, vread and {@code _history} of its kept versions, search by
 * {@code actor}, {@code active}, {@code specialty} (the department) and the parameters
 * every type has ({@code _id}, {@code _lastUpdated}, {@code _sort}), create (one actor: a
 * Practitioner, Location or Device reference whose display is the schedule's name) and
 * update (name, department, active, with {@code If-Match}; or a JSON Patch of the current
 * version), each keeping the {@code planningHorizon} given (instants). Templates and
 * exceptions have no R4 resource; they are managed through the service and the pages.
 */
@Component
public class ScheduleResourceProvider implements IResourceProvider {

	private final ScheduleService schedules;

	private final SchedulingHistoryService history;

	private final Clock clock;

	ScheduleResourceProvider(ScheduleService schedules, SchedulingHistoryService history, Clock clock) {
		this.schedules = schedules;
		this.history = history;
		this.clock = clock;
	}

	@Override
	public Class<Schedule> getResourceType() {
		return Schedule.class;
	}

	@Read(version = true)
	public Schedule read(@IdParam IdType id) {
		ScheduleId schedule = new ScheduleId(ResourceIds.of(id));
		Integer version = ResourceIds.version(id);
		return SchedulingMapper
			.toFhir(version == null ? schedules.get(schedule) : history.scheduleVersion(schedule, version));
	}

	/** {@code GET Schedule/{id}/_history}: its kept versions, newest first. */
	@History
	public IBundleProvider history(@IdParam IdType id, @Since @Nullable InstantType since,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		HistoryPages.Window window = HistoryPages.window(request, since, offset, count);
		var page = history.scheduleHistory(new ScheduleId(ResourceIds.of(id)), query(window));
		return HistoryPages.page(
				page.versions().stream().map(v -> HistoryPages.version(SchedulingMapper.toFhir(v), false)).toList(),
				page.total(), window);
	}

	/** {@code GET Schedule/_history}: every schedule's kept versions, newest first. */
	@History
	public IBundleProvider typeHistory(@Since @Nullable InstantType since, @Offset @Nullable Integer offset,
			@Count @Nullable Integer count, RequestDetails request) {
		HistoryPages.Window window = HistoryPages.window(request, since, offset, count);
		var page = history.scheduleHistory(query(window));
		return HistoryPages.page(
				page.versions().stream().map(v -> HistoryPages.version(SchedulingMapper.toFhir(v), false)).toList(),
				page.total(), window);
	}

	static HistoryQuery query(HistoryPages.Window window) {
		return new HistoryQuery(window.since(), window.size(), window.first());
	}

	@Create
	public MethodOutcome create(@ResourceParam Schedule resource) {
		if (resource.getActor().size() != 1) {
			throw new InvalidInputException("A schedule has exactly one actor (Practitioner, Location or Device)");
		}
		Reference actor = resource.getActorFirstRep();
		String reference = actor.getReferenceElement().getValue();
		ActorKind kind = null;
		for (ActorKind candidate : ActorKind.values()) {
			if (reference != null && reference.startsWith(candidate.fhirType() + "/")) {
				kind = candidate;
			}
		}
		if (kind == null) {
			throw new InvalidInputException("Schedule.actor must reference a Practitioner, Location or Device");
		}
		String name = actor.hasDisplay() ? actor.getDisplay() : null;
		Schedule created = SchedulingMapper.toFhir(schedules
			.create(new NewSchedule(name, kind, reference, department(resource), null), planningHorizon(resource)));
		if (resource.hasActive() && !resource.getActive()) {
			created = SchedulingMapper.toFhir(schedules.update(ScheduleId.of(created.getIdElement().getIdPart()), name,
					department(resource), false, null));
		}
		return new MethodOutcome(created.getIdElement(), true).setResource(created);
	}

	@Update
	public MethodOutcome update(@IdParam IdType id, @ResourceParam Schedule resource, RequestDetails request) {
		ScheduleId schedule = new ScheduleId(ResourceIds.of(id));
		Integer expected = IfMatch.version(id, request);
		continuum.scheduling.Schedule current = schedules.get(schedule);
		String name = resource.getActorFirstRep().hasDisplay() ? resource.getActorFirstRep().getDisplay()
				: current.name();
		if (resource.getActorFirstRep().hasReference()
				&& !current.actorReference().equals(resource.getActorFirstRep().getReference())) {
			throw new InvalidInputException("A schedule's actor cannot change; open a new schedule instead");
		}
		boolean active = resource.hasActive() ? resource.getActive() : current.active();
		String department = resource.hasSpecialty() ? department(resource) : current.department();
		PlanningHorizon horizon = resource.hasPlanningHorizon() ? planningHorizon(resource) : null;
		Schedule updated = SchedulingMapper
			.toFhir(schedules.update(schedule, name, department, active, horizon, expected));
		return new MethodOutcome(updated.getIdElement(), false).setResource(updated);
	}

	/**
	 * {@code PATCH Schedule/{id}} with a JSON Patch: applied to the current version, then
	 * updated as a PUT would be, at that version.
	 */
	@Patch
	public MethodOutcome patch(@IdParam IdType id, PatchTypeEnum type, @ResourceParam @Nullable String body,
			RequestDetails request) {
		return JsonPatches.patch(id, type, body, request, this::read,
				(target, patched) -> update(target, patched, request));
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = Schedule.SP_ACTOR) @Nullable ReferenceParam actor,
			@OptionalParam(name = Schedule.SP_ACTIVE) @Nullable TokenParam active,
			@OptionalParam(name = Schedule.SP_SPECIALTY) @Nullable TokenParam specialty,
			@OptionalParam(name = IAnyResource.SP_RES_ID) @Nullable TokenOrListParam ids,
			@OptionalParam(name = Constants.PARAM_LASTUPDATED) @Nullable DateAndListParam lastUpdated,
			@Sort @Nullable SortSpec sort, @Offset @Nullable Integer offset, @Count @Nullable Integer count,
			RequestDetails request) {
		SearchControls controls = SearchControls.of(ids, lastUpdated, sort, clock);
		String actorReference = actor == null ? null : reference(actor);
		if ((actor != null && actorReference == null) || controls.matchesNothing()) {
			return Paging.empty();
		}
		Boolean isActive = active == null ? null : Boolean.valueOf("true".equalsIgnoreCase(active.getValue()));
		String department = specialty == null ? null : specialty.getValue();
		return Paging.page(request, offset, count,
				() -> schedules.count(department, actorReference, isActive, controls),
				(first, n) -> schedules.search(department, actorReference, isActive, controls, n, first)
					.stream()
					.map(SchedulingMapper::toFhir)
					.toList());
	}

	/** {@code Type/id} of a reference search parameter, or null without a type. */
	static @Nullable String reference(ReferenceParam param) {
		if (param.getResourceType() == null || param.getIdPart() == null) {
			String value = param.getValue();
			return value != null && value.indexOf('/') > 0 ? value : null;
		}
		return param.getResourceType() + "/" + param.getIdPart();
	}

	/**
	 * The stated planning horizon; its ends must be instants (with a time and a zone), so
	 * that the period means the same wherever it is read.
	 */
	private static PlanningHorizon planningHorizon(Schedule resource) {
		if (!resource.hasPlanningHorizon()) {
			return PlanningHorizon.NONE;
		}
		Period period = resource.getPlanningHorizon();
		return new PlanningHorizon(instant(period.getStartElement(), "start"), instant(period.getEndElement(), "end"));
	}

	private static @Nullable Instant instant(DateTimeType value, String end) {
		if (value == null || value.getValue() == null) {
			return null;
		}
		if (value.getPrecision().ordinal() < TemporalPrecisionEnum.SECOND.ordinal() || value.getTimeZone() == null) {
			throw new InvalidInputException(
					"Schedule.planningHorizon." + end + " must be an instant with seconds and a time zone");
		}
		return value.getValue().toInstant();
	}

	private static String department(Schedule resource) {
		var specialty = resource.getSpecialtyFirstRep();
		String code = specialty.getCodingFirstRep().getCode();
		String department = code != null ? code : specialty.getText();
		if (department == null) {
			throw new InvalidInputException(
					"Schedule.specialty names the department (a code of " + SchedulingMapper.DEPARTMENT_SYSTEM + ")");
		}
		return department;
	}

}
