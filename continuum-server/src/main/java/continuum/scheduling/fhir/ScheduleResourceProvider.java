package continuum.scheduling.fhir;

import java.time.Clock;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import continuum.fhir.IfMatch;
import continuum.fhir.Paging;
import continuum.fhir.ResourceIds;
import continuum.fhir.SearchControls;
import continuum.platform.InvalidInputException;
import continuum.scheduling.ActorKind;
import continuum.scheduling.NewSchedule;
import continuum.scheduling.ScheduleId;
import continuum.scheduling.ScheduleService;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * FHIR Schedule: read, search by {@code actor}, {@code active}, {@code specialty} (the
 * department) and the parameters every type has ({@code _id}, {@code _lastUpdated},
 * {@code _sort}), create (one actor: a Practitioner, Location or Device reference whose
 * display is the schedule's name) and update (name, department, active, with
 * {@code If-Match}). Templates and exceptions have no R4 resource; they are managed
 * through the service and the pages.
 */
@Component
public class ScheduleResourceProvider implements IResourceProvider {

	private final ScheduleService schedules;

	private final Clock clock;

	ScheduleResourceProvider(ScheduleService schedules, Clock clock) {
		this.schedules = schedules;
		this.clock = clock;
	}

	@Override
	public Class<Schedule> getResourceType() {
		return Schedule.class;
	}

	@Read
	public Schedule read(@IdParam IdType id) {
		return SchedulingMapper.toFhir(schedules.get(new ScheduleId(ResourceIds.of(id))));
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
		Schedule created = SchedulingMapper
			.toFhir(schedules.create(new NewSchedule(name, kind, reference, department(resource), null)));
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
		Schedule updated = SchedulingMapper.toFhir(schedules.update(schedule, name, department, active, expected));
		return new MethodOutcome(updated.getIdElement(), false).setResource(updated);
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
